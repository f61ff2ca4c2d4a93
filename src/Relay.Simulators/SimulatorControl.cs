using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Relay.Simulators.FaultInjection;

namespace Relay.Simulators;

/// <summary>What both simulators offer their control APIs.</summary>
public interface ISimulator
{
    FaultState Faults { get; }
    RequestJournal Journal { get; }
    void Reset();
    JsonObject Dump();
}

public static class SimulatorControl
{
    /// <summary>The control routes both simulators share: journal, dump, faults and reset.</summary>
    public static RouteGroupBuilder MapCommonControl(this RouteGroupBuilder control, Func<HttpContext, ISimulator> simulator)
    {
        control.MapGet("/journal", (HttpContext http) => Results.Ok(simulator(http).Journal.Entries));
        control.MapGet("/dump", (HttpContext http) => Results.Text(simulator(http).Dump().ToJsonString(), "application/json"));
        control.MapPut("/faults", (HttpContext http, FaultSettings faults) =>
        {
            simulator(http).Faults.Set(faults);
            return Results.NoContent();
        });
        control.MapDelete("/faults", (HttpContext http) =>
        {
            simulator(http).Faults.Set(new FaultSettings());
            return Results.NoContent();
        });
        control.MapPost("/reset", (HttpContext http) =>
        {
            simulator(http).Reset();
            return Results.NoContent();
        });
        return control;
    }
}
