using Snapsight.Compliance.Oval.Evaluation;

namespace Snapsight.Compliance.Oval.Probes.Accounts;

/// <summary>
/// shadow_object (unix): the entries of /etc/shadow whose username the object selects. Empty
/// number fields read -1, as glibc and OpenSCAP give them; an empty reserved flag is left out
/// (OpenSCAP prints it as 2^64-1). encrypt_method comes from the hash's prefix; a hash with
/// no known prefix (and a locked "*" or "!") is "DES", as OpenSCAP names it.
/// </summary>
internal sealed class ShadowProbe : IOvalProbe
{
    private static readonly string[] NumberFields = ["chg_lst", "chg_allow", "chg_req", "exp_warn", "exp_inact", "exp_date"];

    public OvalTypeName ObjectType { get; } = new("shadow_object", "unix");

    public Task<CollectedObject> CollectAsync(ProbeRequest request, ProbeContext context, CancellationToken cancellationToken) =>
        ProbeGuard.RunAsync(request, async () =>
        {
            var username = request.Required("username");
            var text = await ProbeFiles.ReadTextAsync(context.Tree, "/etc/shadow", cancellationToken).ConfigureAwait(false);
            if (text is null)
            {
                return CollectedObject.Found([]);
            }

            var items = new List<OvalItem>();
            foreach (var record in AccountFile.Parse(text, 9))
            {
                var numbers = Enumerable.Range(2, NumberFields.Length).Select(record.Number).ToList();
                var name = record.Fields[0];
                if (name.Length == 0 || numbers.Any(n => n is null) || !username.Matches(name))
                {
                    continue;
                }

                var entities = new ItemEntities().Add("username", name).Add("password", record.Fields[1]);
                for (var i = 0; i < NumberFields.Length; i++)
                {
                    entities.Add(NumberFields[i], numbers[i]!.Value);
                }

                if (record.Fields[8].Length > 0)
                {
                    entities.Add("flag", record.Fields[8]);
                }

                items.Add(entities.Add("encrypt_method", EncryptMethod(record.Fields[1])).ToItem($"/etc/shadow:{record.Line}"));
            }

            return CollectedObject.Found(items);
        });

    /// <summary>The crypt(3) prefix as the unix system-characteristics schema names the method.</summary>
    private static string EncryptMethod(string hash) => hash.TrimStart('!') switch
    {
        var h when h.StartsWith("$1$", StringComparison.Ordinal) => "MD5",
        var h when h.StartsWith("$2", StringComparison.Ordinal) => "Blowfish",
        var h when h.StartsWith("$md5", StringComparison.Ordinal) => "Sun MD5",
        var h when h.StartsWith("$5$", StringComparison.Ordinal) => "SHA-256",
        var h when h.StartsWith("$6$", StringComparison.Ordinal) => "SHA-512",
        var h when h.StartsWith('_') => "BSDi",
        var h when h.StartsWith('$') => "",
        _ => "DES",
    };
}
