using System.Text;
using Snapsight.Control.Persistence;

namespace Snapsight.Control.Audit;

/// <summary>
/// Adds audit entries to the unit of work of the action they describe, so an action and its entry
/// are saved together or not at all. Free text is cut to a bound and stripped of control
/// characters, so an entry cannot forge a line in a log it is shipped to.
/// </summary>
public sealed class AuditLog(ControlDbContext db, TimeProvider clock)
{
    private const int MaxTextLength = 512;

    public void Record(string actor, string action, string? target, bool succeeded, Guid? subscriptionId,
        string? client, string? detail = null)
    {
        db.AuditEntries.Add(new AuditEntry
        {
            SubscriptionId = subscriptionId,
            At = clock.GetUtcNow().UtcDateTime,
            Actor = Clean(actor)!,
            Action = action,
            Target = Clean(target),
            Succeeded = succeeded,
            Detail = Clean(detail),
            Client = Clean(client),
        });
    }

    private static string? Clean(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var clean = new StringBuilder(Math.Min(text.Length, MaxTextLength));
        foreach (var c in text)
        {
            if (clean.Length == MaxTextLength)
            {
                break;
            }

            clean.Append(char.IsControl(c) ? ' ' : c);
        }

        return clean.ToString();
    }
}
