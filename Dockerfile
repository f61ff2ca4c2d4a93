# Relay in a container. The image has no PostgreSQL of its own: give it one with ConnectionStrings__Relay
# (see docker-compose.yml). Build from the repository root: docker build -t relay .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Relay.sln Directory.Build.props Directory.Packages.props appsettings.json ./
COPY src/Relay.Domain/Relay.Domain.csproj src/Relay.Domain/
COPY src/Relay.Simulators/Relay.Simulators.csproj src/Relay.Simulators/
COPY src/Relay.Api/Relay.Api.csproj src/Relay.Api/
RUN dotnet restore src/Relay.Api/Relay.Api.csproj
COPY src/ src/
RUN dotnet publish src/Relay.Api/Relay.Api.csproj -c Release -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
ENV ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_ENVIRONMENT=Production \
    DOTNET_RUNNING_IN_CONTAINER=true
EXPOSE 8080
# The base image's unprivileged user.
USER app
ENTRYPOINT ["dotnet", "Relay.Api.dll"]
