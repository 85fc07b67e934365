using CornerSpot.Domain.Persistence;
using CornerSpot.Web.Components;
using CornerSpot.Web.Demo;
using CornerSpot.Web.Endpoints;
using MudBlazor.Services;

var seedDemo = DemoSeedCommand.Take(ref args);
var builder = WebApplication.CreateBuilder(args);

builder.Services.AddCornerSpotDomain(path => Path.Combine(builder.Environment.ContentRootPath, path));
builder.Services.AddProblemDetails();
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddMudServices();
builder.Services.AddCascadingAuthenticationState();

var app = builder.Build();

await app.Services.InitialiseDatabaseAsync();
if (seedDemo is { } demoCount)
{
    await DemoSeedCommand.RunAsync(app.Services, demoCount);
    return;
}

app.UseExceptionHandler(new ExceptionHandlerOptions
{
    // A malformed request that Kestrel rejects mid-read is the client's fault, not a 500.
    StatusCodeSelector = ex => ex is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
});
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseAntiforgery();

app.MapStaticAssets();
app.MapWidgetEndpoints();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Run();
