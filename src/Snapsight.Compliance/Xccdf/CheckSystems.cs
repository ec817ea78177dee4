namespace Snapsight.Compliance.Xccdf;

/// <summary>The check systems a rule or CPE item names, by their XCCDF <c>system</c> URI.</summary>
public static class CheckSystems
{
    public const string Oval = "http://oval.mitre.org/XMLSchema/oval-definitions-5";
}
