using Microsoft.AspNetCore.Identity;

namespace CornerSpot.Web.Security;

/// <summary>
/// Outside Development the console is served over HTTPS only: HTTP is redirected (308), HSTS is sent, and the
/// sign-in and antiforgery cookies are Secure. <c>Security:AllowHttp=true</c> turns that off for plain-HTTP local
/// use. Behind a TLS-terminating proxy, list it in <c>ReverseProxy:KnownProxies</c>: its X-Forwarded-Proto then
/// tells the app the request was HTTPS.
/// </summary>
public static class TransportSecurity
{
    public static bool RequiresHttps(IConfiguration config, IHostEnvironment env) =>
        !env.IsDevelopment() && !config.GetValue("Security:AllowHttp", false);

    public static IServiceCollection AddTransportSecurity(this IServiceCollection services, IConfiguration config, IHostEnvironment env)
    {
        var cookies = RequiresHttps(config, env) ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        services.Configure<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(
            IdentityConstants.ApplicationScheme, o => o.Cookie.SecurePolicy = cookies);
        services.AddAntiforgery(o => o.Cookie.SecurePolicy = cookies);
        services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = false;
        });
        // The port comes from ASPNETCORE_HTTPS_PORT (or https_port), else from Kestrel's HTTPS endpoint.
        services.AddHttpsRedirection(o => o.RedirectStatusCode = StatusCodes.Status308PermanentRedirect);
        return services;
    }

    public static IApplicationBuilder UseTransportSecurity(this WebApplication app)
    {
        if (!RequiresHttps(app.Configuration, app.Environment)) return app;
        app.UseHsts();
        app.UseHttpsRedirection();
        return app;
    }
}
