using Snapsight.Compliance.Oval.Evaluation;

namespace Snapsight.Compliance.Oval.Probes.Accounts;

/// <summary>
/// password_object (unix): the accounts of /etc/passwd whose username the object selects.
/// Only the file is read (no NSS: LDAP or SSSD users of a running system are not there), and
/// last_login, which needs /var/log/lastlog or wtmp, is left out.
/// </summary>
internal sealed class PasswordProbe : IOvalProbe
{
    public OvalTypeName ObjectType { get; } = new("password_object", "unix");

    public Task<CollectedObject> CollectAsync(ProbeRequest request, ProbeContext context, CancellationToken cancellationToken) =>
        ProbeGuard.RunAsync(request, async () =>
        {
            var username = request.Required("username");
            var text = await ProbeFiles.ReadTextAsync(context.Tree, "/etc/passwd", cancellationToken).ConfigureAwait(false);
            if (text is null)
            {
                return CollectedObject.Found([]);
            }

            var items = new List<OvalItem>();
            foreach (var record in AccountFile.Parse(text, 7))
            {
                var f = record.Fields;
                if (record.Number(2) is not { } uid || record.Number(3) is not { } gid || f[0].Length == 0 || !username.Matches(f[0]))
                {
                    continue;
                }

                items.Add(new ItemEntities()
                    .Add("username", f[0])
                    .Add("password", f[1])
                    .Add("user_id", uid)
                    .Add("group_id", gid)
                    .Add("gcos", f[4])
                    .Add("home_dir", f[5])
                    .Add("login_shell", f[6])
                    .ToItem($"/etc/passwd:{record.Line}"));
            }

            return CollectedObject.Found(items);
        });
}
