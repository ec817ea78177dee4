namespace Snapsight.Compliance.Oval.Evaluation;

/// <summary>
/// One item a probe collected: its entities by name (an entity may hold several values, e.g.
/// a textfilecontent54 item's <c>subexpression</c>s), and where it came from in words a user can
/// check (<c>/etc/ssh/sshd_config:14</c>, <c>dpkg openssh-server 1:9.2p1-2</c>).
/// Values are text; the state entity's datatype decides how they compare.
/// </summary>
public sealed record OvalItem(IReadOnlyDictionary<string, IReadOnlyList<string>> Entities, string Evidence)
{
    public IReadOnlyList<string> Values(string entity) => Entities.TryGetValue(entity, out var values) ? values : [];
}
