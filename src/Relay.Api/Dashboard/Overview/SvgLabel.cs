using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace Relay.Api.Dashboard.Overview;

/// <summary>An SVG &lt;text&gt; element; Razor takes &lt;text&gt; in code for its own markup tag.</summary>
public sealed class SvgLabel : ComponentBase
{
    [Parameter] public string X { get; set; } = "0";

    [Parameter] public string Y { get; set; } = "0";

    [Parameter] public string Text { get; set; } = "";

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        builder.OpenElement(0, "text");
        builder.AddAttribute(1, "x", X);
        builder.AddAttribute(2, "y", Y);
        builder.AddAttribute(3, "font-size", "9");
        builder.AddContent(4, Text);
        builder.CloseElement();
    }
}
