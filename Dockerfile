# Relay in a container, in production mode (no sandbox, no demo connection). The image has no PostgreSQL of its
# own: give it one with ConnectionStrings__Relay (see docker-compose.yml). Build from the repository root:
#   docker build -t relay .
# tests/Relay.Api.Tests/Container checks every path and stage named here.

# 1. restore: only the project files first, so a change of code does not restore again.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Relay.sln Directory.Build.props Directory.Packages.props .editorconfig appsettings.json ./
COPY src/Relay.Domain/Relay.Domain.csproj src/Relay.Domain/
COPY src/Relay.Simulators/Relay.Simulators.csproj src/Relay.Simulators/
COPY src/Relay.Api/Relay.Api.csproj src/Relay.Api/
RUN dotnet restore src/Relay.Api/Relay.Api.csproj
COPY src/ src/

# 2. publish: the framework-dependent program, no native launcher (the runtime image starts it with dotnet).
FROM build AS publish
RUN dotnet publish src/Relay.Api/Relay.Api.csproj -c Release -o /app --no-restore -p:UseAppHost=false

# 3. runtime: ASP.NET Core only, no SDK, run as the image's unprivileged user.
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=publish /app ./
ENV ASPNETCORE_ENVIRONMENT=Production \
    ASPNETCORE_HTTP_PORTS=8080 \
    DOTNET_RUNNING_IN_CONTAINER=true
EXPOSE 8080
USER $APP_UID
# The runtime image has no curl or wget: Relay asks itself (GET /health/ready on its own port, exit 0 or 1).
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
    CMD ["dotnet", "Relay.Api.dll", "--health-check"]
ENTRYPOINT ["dotnet", "Relay.Api.dll"]
