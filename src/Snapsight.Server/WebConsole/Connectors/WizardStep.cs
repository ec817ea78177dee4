namespace Snapsight.Server.WebConsole.Connectors;

/// <summary>The connector wizard's steps, in the documented order (docs/control/connectors-and-accounts.md).</summary>
public enum WizardStep
{
    Basics,
    Authentication,
    Regions,
    Activation,
    Review,
}
