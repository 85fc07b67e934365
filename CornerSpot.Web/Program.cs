using System.Net;
using CornerSpot.Domain;
using CornerSpot.Domain.Agents;
using CornerSpot.Domain.Persistence;
using CornerSpot.Web;
using CornerSpot.Web.Agents;
using CornerSpot.Web.Api;
using CornerSpot.Web.Health;
using CornerSpot.Web.Telemetry;
using CornerSpot.Web.Cluster;
using CornerSpot.Web.Components;
using CornerSpot.Web.Components.Layout;
using CornerSpot.Web.Demo;
using CornerSpot.Web.Live;
using CornerSpot.Web.Security;
using CornerSpot.Web.Team;
using CornerSpot.Web.Webhooks;
using CornerSpot.Web.Widget;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.HttpOverrides;
using MudBlazor.Services;

var seedDemo = DemoSeedCommand.Take(ref args);
var builder = WebApplication.CreateBuilder(args);

builder.Services.AddCornerSpotDomain(path => Path.Combine(builder.Environment.ContentRootPath, path));
builder.Services.AddAgentIdentity(builder.Configuration);
builder.Services.AddTransportSecurity(builder.Configuration, builder.Environment);
builder.Services.AddWidgetApi();
builder.Services.AddLiveDelivery();
builder.Services.AddCluster(builder.Configuration);
builder.Services.AddWebhookDelivery();
builder.Services.AddProblemDetails();
builder.Services.AddApiReference();
builder.Services.AddHealthEndpoints(builder.Configuration);
builder.Services.AddObservability(builder.Configuration);
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddMudServices();
builder.Services.AddSingleton<ThemeStylesheet>();
builder.Services.AddHostedService<DatabaseMaintenance>();
var knownProxies = builder.Configuration.GetSection("ReverseProxy:KnownProxies").Get<string[]>() ?? [];
builder.Services.Configure<ForwardedHeadersOptions>(o =>
{
    o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
    o.KnownIPNetworks.Clear();
    o.KnownProxies.Clear();
    foreach (var proxy in knownProxies) o.KnownProxies.Add(IPAddress.Parse(proxy));
});

var app = builder.Build();

await app.Services.InitialiseDatabaseAsync();
if (seedDemo is { } demoCount)
{
    await DemoSeedCommand.RunAsync(app.Services, demoCount);
    return;
}

await app.Services.EnsureFirstAdminAsync();

// X-Forwarded-* is honoured only from configured proxies. With an empty list the middleware would trust
// every sender, so without proxies it is not used at all.
if (knownProxies.Length > 0) app.UseForwardedHeaders();
// Before the HTTPS redirect: a scraper on the same host or network asks over plain HTTP.
app.UseMetricsEndpoint(app.Configuration);
app.UseTransportSecurity();
app.UseSecurityHeaders();
app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), api =>
{
    // API errors are RFC 9457 problem details, never a stack trace or an HTML page.
    api.UseExceptionHandler(new ExceptionHandlerOptions
    {
        StatusCodeSelector = ex => ex is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
    });
    api.UseStatusCodePages();
});
app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api"), site =>
{
    if (!app.Environment.IsDevelopment()) site.UseExceptionHandler("/Error", createScopeForErrors: true);
    site.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
});
app.UseCors();
app.UseAuthentication();
app.UseAgentAccount();
app.UseAuthorization();
app.UseAntiforgery();

app.UseWidget();
app.MapStaticAssets();
app.MapWidgetEndpoints();
app.MapApiReference();
app.MapHealthEndpoints();
app.MapAccountEndpoints();
app.MapTeamExport();
ThemeStylesheet.Map(app);
app.MapRazorComponents<App>()
    .AddInteractiveServerRenderMode()
    .Add(endpoint =>
    {
        // The circuit hub carries the whole dashboard: no anonymous circuits.
        if (endpoint is RouteEndpointBuilder { RoutePattern.RawText: { } route } && route.StartsWith("/_blazor", StringComparison.Ordinal))
            endpoint.Metadata.Add(new AuthorizeAttribute());
    });

app.Run();
