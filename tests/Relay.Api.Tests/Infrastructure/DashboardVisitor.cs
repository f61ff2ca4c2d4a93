using System.Net;
using Alba;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace Relay.Api.Tests.Infrastructure;

/// <summary>
/// A browser without JavaScript on the test host: it keeps cookies, reads each page with AngleSharp, and submits
/// forms as they are (their hidden fields, antiforgery token included), so a test sees what a merchant gets.
/// </summary>
public sealed class DashboardVisitor : IDisposable
{
    private readonly HttpClient _http;
    private readonly HtmlParser _parser = new();

    public DashboardVisitor(IAlbaHost host)
    {
        var cookies = new CookieContainerHandler { InnerHandler = host.Server.CreateHandler() };
        Cookies = cookies.Container;
        _http = new HttpClient(cookies) { BaseAddress = new Uri("http://localhost") };
    }

    /// <summary>The cookies the dashboard set (the sign-in's among them).</summary>
    public CookieContainer Cookies { get; }

    /// <summary>The status of the last answer, after redirects were followed by hand.</summary>
    public HttpStatusCode Status { get; private set; }

    /// <summary>Where the last answer came from (redirects followed).</summary>
    public Uri Address { get; private set; } = new("http://localhost/");

    public static async Task<DashboardVisitor> SignedInAsync(IAlbaHost host, string key)
    {
        var visitor = new DashboardVisitor(host);
        var page = await visitor.GetAsync("/app/sign-in");
        page.QuerySelector<IHtmlInputElement>("#key")!.Value = key;
        await visitor.SubmitAsync(page.QuerySelector<IHtmlFormElement>("form[method=post]")!);
        visitor.Address.AbsolutePath.ShouldBe("/app", "the sign-in did not lead to the overview");
        return visitor;
    }

    public Task<IDocument> GetAsync(string url) => SendAsync(new HttpRequestMessage(HttpMethod.Get, url));

    /// <summary>Submits a GET form (a filter) with the fields it holds now.</summary>
    public Task<IDocument> SubmitGetAsync(IHtmlFormElement form)
    {
        var query = string.Join('&', Fields(form, null).Select(f =>
            $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}"));
        var action = form.GetAttribute("action") is { Length: > 0 } a ? new Uri(Address, a) : Address;
        return GetAsync(new UriBuilder(action) { Query = query }.Uri.ToString());
    }

    /// <summary>Submits a form with the fields it holds now (set values on the document first).</summary>
    public async Task<IDocument> SubmitAsync(IHtmlFormElement form, IHtmlElement? submitter = null)
    {
        var action = form.GetAttribute("action") is { Length: > 0 } a ? new Uri(Address, a) : Address;
        return await SendAsync(new HttpRequestMessage(HttpMethod.Post, action)
        {
            Content = new FormUrlEncodedContent(Fields(form, submitter)),
        });
    }

    private static List<KeyValuePair<string, string>> Fields(IHtmlFormElement form, IHtmlElement? submitter)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            var name = element.GetAttribute("name");
            if (string.IsNullOrEmpty(name) || element.HasAttribute("disabled")) continue;
            switch (element)
            {
                case IHtmlInputElement { Type: "checkbox" or "radio" } box when !box.IsChecked: continue;
                case IHtmlInputElement { Type: "checkbox" or "radio" } box: fields.Add(new(name, box.Value)); break;
                case IHtmlInputElement { Type: "submit" }: continue;
                case IHtmlInputElement input: fields.Add(new(name, input.Value)); break;
                case IHtmlSelectElement select: fields.Add(new(name, select.Value ?? "")); break;
                case IHtmlTextAreaElement area: fields.Add(new(name, area.Value)); break;
            }
        }
        if (submitter?.GetAttribute("name") is { Length: > 0 } button)
            fields.Add(new(button, submitter.GetAttribute("value") ?? ""));
        return fields;
    }

    private async Task<IDocument> SendAsync(HttpRequestMessage request)
    {
        var response = await _http.SendAsync(request);
        for (var hops = 0; response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found
                 or HttpStatusCode.SeeOther && hops < 5; hops++)
        {
            var next = new Uri(response.RequestMessage!.RequestUri!, response.Headers.Location!);
            response = await _http.GetAsync(next);
        }
        Status = response.StatusCode;
        Address = response.RequestMessage!.RequestUri!;
        // Parsed at once and whole: links are read by their href attributes (the dashboard's are absolute paths).
        return _parser.ParseDocument(await response.Content.ReadAsStringAsync());
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>Filling a page's form as a user would, by the fields' ids, before <see
/// cref="DashboardVisitor.SubmitAsync"/>.</summary>
public static class FormFilling
{
    public static void Type(this AngleSharp.Dom.IParentNode form, string id, string value) =>
        form.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>($"#{id}")!.Value = value;

    public static void Choose(this AngleSharp.Dom.IParentNode form, string id, string code) =>
        form.QuerySelector<AngleSharp.Html.Dom.IHtmlSelectElement>($"#{id}")!.Value = code;
}
