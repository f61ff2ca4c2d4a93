namespace Relay.Api.Dashboard;

/// <summary>The dashboard's texts: Texts.resx (English) and Texts.nl.resx (Dutch), looked up by key.</summary>
public sealed class Texts;
