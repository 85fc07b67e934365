namespace CornerSpot.Domain.Agents;

public static class Roles
{
    public const string Agent = "Agent";
    public const string Lead = "Lead";
    public const string Admin = "Admin";
    public static readonly string[] All = [Agent, Lead, Admin];
}
