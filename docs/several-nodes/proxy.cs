#:sdk Microsoft.NET.Sdk.Web
#:package Yarp.ReverseProxy

// The load balancer of README "Running several nodes": YARP with yarp.json beside this file (cookie affinity for the
// Blazor circuit, WebSockets, health checks, the original Host passed on). The tests run the same yarp.json.
//   dotnet run docs/several-nodes/proxy.cs -- --urls http://127.0.0.1:5000
var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddJsonFile(Path.Combine(AppContext.GetData("EntryPointFileDirectoryPath") as string ?? ".", "yarp.json"));
builder.Services.AddReverseProxy().LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"));
var app = builder.Build();
app.MapReverseProxy();
app.Run();
