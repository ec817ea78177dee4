using Snapsight.Cloud.Aws.Templates;
using Snapsight.Control;
using Snapsight.Control.Accounts;
using Snapsight.Server.Accounts;

namespace Snapsight.Server.WebConsole.Connectors;

/// <summary>What <see cref="ConnectorActions"/> threw, as a field and a sentence for the wizard and the connector page.</summary>
public static class ConnectorRefusals
{
    /// <summary>A field's rule, or (field "") a conflict such as zero-touch without a service account; null for anything else.</summary>
    public static InvalidFieldException? Of(Exception refused) => refused switch
    {
        AccountInputException bad => new InvalidFieldException(bad.Field, bad.Reason),
        TemplateParameterException bad => new InvalidFieldException(bad.Field, bad.Reason),
        InvalidFieldException bad => bad,
        ConflictException conflict => new InvalidFieldException(
            conflict.Message == ConnectorActions.ZeroTouchNeedsServiceAccount ? "zeroTouchSnapshot" : "", conflict.Message),
        _ => null,
    };
}
