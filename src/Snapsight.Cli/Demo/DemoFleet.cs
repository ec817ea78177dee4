using System.Globalization;
using System.Net;
using Snapsight.Cloud.Local;
using Snapsight.Cloud.Provider;

namespace Snapsight.Cli.Demo;

/// <summary>
/// The demo's fleet: the instances of <c>fleet.tsv</c> in the image folder, laid out as a local cloud by
/// <see cref="LocalFleetBuilder"/>. The first account listed is also the service account.
/// </summary>
internal sealed class DemoFleet
{
    public const string ListFileName = "fleet.tsv";

    /// <summary>fleet.tsv is a handful of lines; anything larger is not one.</summary>
    private const long MaxListBytes = 64 * 1024;

    private DemoFleet(string imageFolder, IReadOnlyList<DemoInstance> instances)
    {
        ImageFolder = imageFolder;
        Instances = instances;
    }

    public string ImageFolder { get; }

    public IReadOnlyList<DemoInstance> Instances { get; }

    /// <summary>Every account, the service account first.</summary>
    public IReadOnlyList<string> Accounts => Instances.Select(i => i.AccountId).Distinct(StringComparer.Ordinal).ToList();

    public string ServiceAccount => Instances[0].AccountId;

    /// <summary>Every region the fleet uses, sorted: each account enables them all, so the service account can reach the targets'.</summary>
    public IReadOnlyList<string> Regions => Instances.Select(i => i.Region).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    /// <summary>Reads <c>fleet.tsv</c>; a malformed line is a <see cref="UsageException"/> naming it (the folder is the user's choice).</summary>
    public static DemoFleet Read(string imageFolder)
    {
        var list = new FileInfo(Path.Combine(imageFolder, ListFileName));
        if (!list.Exists)
        {
            throw new FileNotFoundException($"no {ListFileName} in {imageFolder}", list.FullName);
        }

        if (list.Length > MaxListBytes)
        {
            throw new UsageException($"{list.FullName} is {list.Length} bytes, more than a fleet list can be");
        }

        var instances = File.ReadAllLines(list.FullName).Where(l => l.Length > 0)
            .Select((line, index) => Parse(list.FullName, index + 1, line, imageFolder)).ToList();
        return instances.Count > 0 ? new DemoFleet(imageFolder, instances) : throw new UsageException($"{list.FullName} lists no instance");
    }

    /// <summary>
    /// Lays <paramref name="count"/> instances out under <paramref name="cloudRoot"/>, going round the list (bench/fleet
    /// asks for more than it holds: the later rounds' names end in their round); answers each one's generated id, in order.
    /// </summary>
    public async Task<IReadOnlyList<string>> BuildAsync(string cloudRoot, DateTimeOffset launchTime, int count, CancellationToken cancellationToken)
    {
        var builder = new LocalFleetBuilder(cloudRoot);
        var ids = new List<string>(count);
        for (var index = 0; index < count; index++)
        {
            var instance = Instances[index % Instances.Count];
            var round = index / Instances.Count;
            var name = round == 0 ? instance.Name : $"{instance.Name}-{round.ToString(CultureInfo.InvariantCulture)}";
            var scope = new CloudScope(instance.AccountId, instance.Region);
            builder.AddRegion(scope);
            var (id, _) = await builder.AddInstanceAsync(new LocalInstanceSpec
            {
                Scope = scope,
                LaunchTime = launchTime,
                // One private address each: the licence counts distinct addresses.
                PrivateIpAddress = new IPAddress([10, 0, (byte)(index / 250), (byte)(index % 250 + 4)]),
                Tags = new Dictionary<string, string>(StringComparer.Ordinal) { ["Name"] = name, ["release"] = instance.Release },
                Volumes = instance.VolumeImages
                    .Select((image, device) => new LocalVolumeSpec(Path.Combine(ImageFolder, image), DeviceName(device))).ToList(),
            }, cancellationToken).ConfigureAwait(false);
            ids.Add(id);
        }

        return ids;
    }

    /// <summary>The role Snapsight assumes in <paramref name="accountId"/>, as the templates name it.</summary>
    public static string RoleArn(string accountId) => $"arn:aws:iam::{accountId}:role/snapsight/SnapsightTarget";

    /// <summary>
    /// What deploying the template's stack does in a real account: the role that trusts the connector's external ID,
    /// allowed EC2 and the EBS reads (targets read their snapshots in place on AWS), and every fleet region enabled.
    /// </summary>
    public void DeployRole(string cloudRoot, string accountId, string externalId)
    {
        new LocalAccountFile
        {
            Roles = [new LocalRoleFile { Arn = RoleArn(accountId), TrustedExternalId = externalId, Permissions = ["ec2:*", "ebs:*"] }],
            EnabledRegions = [.. Regions],
        }.Write(new LocalLayout(cloudRoot), accountId);
    }

    /// <summary>Xen-style names, as EC2 shows them: the root on sda1, data volumes from sdf on.</summary>
    private static string DeviceName(int index) => index == 0 ? "/dev/sda1" : $"/dev/sd{(char)('f' + index - 1)}";

    private static DemoInstance Parse(string file, int lineNumber, string line, string imageFolder)
    {
        var fields = line.Split('\t');
        if (fields.Length != 6)
        {
            throw new UsageException($"{file}:{lineNumber.ToString(CultureInfo.InvariantCulture)}: {fields.Length} fields, not the 6 of " +
                "name, account, region, release, volumes and why");
        }

        if (!CloudScope.IsAccountId(fields[1]) || !CloudScope.IsRegion(fields[2]))
        {
            throw new UsageException($"{file}:{lineNumber.ToString(CultureInfo.InvariantCulture)}: '{fields[1]}' '{fields[2]}' is not an account id and a region");
        }

        var volumes = fields[4].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // Names only, inside the folder: the list may not point the builder at other files.
        if (volumes.Length == 0 || volumes.Any(v => Path.GetFileName(v) != v || !File.Exists(Path.Combine(imageFolder, v))))
        {
            throw new UsageException($"{file}:{lineNumber.ToString(CultureInfo.InvariantCulture)}: volumes '{fields[4]}' are not image files of {imageFolder}");
        }

        return new DemoInstance(fields[0], fields[1], fields[2], fields[3], volumes, fields[5]);
    }
}
