using System.Security.Claims;
using CornerSpot.Domain.Agents;

namespace CornerSpot.Tests.Support;

public static class Principals
{
    public static ClaimsPrincipal WithRole(string role, string id = "agent-1", string name = "Sam Agent") =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, id), new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, role)], "test"));

    public static ClaimsPrincipal Admin => WithRole(Roles.Admin, "admin-1", "Ada Admin");
    public static ClaimsPrincipal Agent => WithRole(Roles.Agent);
}
