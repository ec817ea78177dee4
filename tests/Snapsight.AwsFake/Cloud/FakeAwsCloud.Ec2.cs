using Snapsight.Cloud;
using System.Text;
using System.Xml.Linq;
using static Snapsight.AwsFake.Cloud.FakeEc2Xml;

namespace Snapsight.AwsFake.Cloud;

/// <summary>The EC2 actions the provider uses, at the fake's wire shapes; every one is authorized first.</summary>
public sealed partial class FakeAwsCloud
{
    /// <summary>Answers an EC2 Query request from <paramref name="caller"/>, or throws <see cref="FakeAwsErrorException"/>.</summary>
    public XElement Ec2(SignedCaller caller, FakeQuery query)
    {
        if (Faults.TakeEc2Failure())
        {
            throw new FakeAwsErrorException(500, "InternalError", "An internal error has occurred.");
        }

        var action = query.Action;
        Authorize(caller, action);
        var account = Identity(caller.AccessKeyId).AccountId;
        lock (_gate)
        {
            return action switch
            {
                "DescribeRegions" => DescribeRegions(Regions(caller)),
                "DescribeInstances" => DescribeInstances(account, caller.Region, query),
                "DescribeVolumes" => DescribeVolumes(account, caller.Region, query),
                "CreateSnapshots" => CreateSnapshots(caller, account, query),
                "DescribeSnapshots" => DescribeSnapshots(account, caller.Region, query),
                "DescribeSnapshotAttribute" => DescribeSnapshotAttribute(account, caller.Region, query),
                "ModifySnapshotAttribute" => ModifySnapshotAttribute(caller, account, query),
                "DeleteSnapshot" => DeleteSnapshot(caller, account, query),
                "CreateTags" => CreateTags(caller, account, query),
                "CopySnapshot" => CopySnapshot(caller, account, query),
                _ => throw new FakeAwsErrorException(400, "InvalidAction", $"The action {action} is not valid for this web service."),
            };
        }
    }

    private static XElement DescribeRegions(IReadOnlyList<string> regions)
    {
        // Every account has us-east-1 enabled besides the regions it works in: the provider must intersect.
        var enabled = regions.Append("us-east-1").Distinct().Order();
        return Response("DescribeRegions", Items("regionInfo", enabled.Select(r =>
            E("region", E("regionName", r), E("regionEndpoint", $"ec2.{r}.amazonaws.com"), E("optInStatus", "opt-in-not-required")))));
    }

    private XElement DescribeInstances(string account, string region, FakeQuery query)
    {
        var ids = query.List("InstanceId");
        var instances = _instances.Where(i => i.AccountId == account && i.Region == region).OrderBy(i => i.Id, StringComparer.Ordinal).ToList();
        foreach (var id in ids.Where(id => instances.All(i => i.Id != id)))
        {
            throw FakeAwsErrorException.NotFound("instance", id);
        }

        var (page, next) = Page(ids.Count > 0 ? [.. instances.Where(i => ids.Contains(i.Id))] : instances, query, "instances");
        // One reservation per instance, as separate RunInstances calls would have made them.
        return Response("DescribeInstances",
            Items("reservationSet", page.Select(i => E("reservation",
                E("reservationId", "r-" + i.Id[2..]), E("ownerId", account), E("groupSet"),
                Items("instancesSet", [InstanceXml(i)])))),
            Optional("nextToken", next));
    }

    private static XElement InstanceXml(FakeInstance i) => E("instance",
        E("instanceId", i.Id), E("imageId", i.ImageId), E("instanceState", E("code", 16), E("name", "running")),
        E("instanceType", "t3.micro"), E("launchTime", Time(i.LaunchTime)),
        Optional("privateIpAddress", i.PrivateIpAddress), Optional("ipAddress", i.PublicIpAddress),
        E("architecture", "x86_64"), E("rootDeviceType", "ebs"), E("rootDeviceName", i.Volumes[0].DeviceName),
        Items("blockDeviceMapping", i.Volumes.Select(v => E("mapping", E("deviceName", v.DeviceName),
            E("ebs", E("volumeId", v.Id), E("status", "attached"), E("attachTime", Time(i.LaunchTime)), E("deleteOnTermination", "true"))))),
        E("platformDetails", "Linux/UNIX"),
        TagSet(i.Tags));

    private XElement DescribeVolumes(string account, string region, FakeQuery query)
    {
        var filters = query.Filters();
        var attached = _instances.Where(i => i.AccountId == account && i.Region == region)
            .SelectMany(i => i.Volumes.Select(v => (Instance: i, Volume: v)))
            .Where(p => !filters.TryGetValue("attachment.instance-id", out var ids) || ids.Contains(p.Instance.Id))
            .OrderBy(p => p.Volume.Id, StringComparer.Ordinal).ToList();
        var (page, next) = Page(attached, query, "volumes");
        return Response("DescribeVolumes",
            Items("volumeSet", page.Select(p => E("volume",
                E("volumeId", p.Volume.Id), E("size", p.Volume.SizeGiB), E("snapshotId"), E("availabilityZone", region + "a"),
                E("status", "in-use"), E("createTime", Time(p.Instance.LaunchTime)),
                Items("attachmentSet", [E("attachment", E("volumeId", p.Volume.Id), E("instanceId", p.Instance.Id), E("device", p.Volume.DeviceName),
                    E("status", "attached"), E("attachTime", Time(p.Instance.LaunchTime)), E("deleteOnTermination", "true"))]),
                E("volumeType", "gp3"), E("encrypted", Bool(p.Volume.KmsKeyId is not null)), Optional("kmsKeyId", p.Volume.KmsKeyId)))),
            Optional("nextToken", next));
    }

    private XElement CreateSnapshots(SignedCaller caller, string account, FakeQuery query)
    {
        var region = caller.Region;
        var instanceId = query["InstanceSpecification.InstanceId"] ?? throw new FakeAwsErrorException(400, "MissingParameter", "InstanceSpecification.InstanceId is required");
        var instance = _instances.SingleOrDefault(i => i.Id == instanceId && i.AccountId == account && i.Region == region)
            ?? throw FakeAwsErrorException.NotFound("instance", instanceId);
        var tags = SnapshotTagSpecifications(query);
        AuthorizeCreate(caller, instance, tags);
        if (Faults.TakeThrottleCreate())
        {
            throw new FakeAwsErrorException(503, "RequestLimitExceeded", "Request limit exceeded.");
        }

        var pending = _snapshots.Values.Where(s => s.State == "pending" && s.OwnerId == account && s.Region == region).ToList();
        if (instance.Volumes.Any(v => pending.Count(s => s.Volume.Id == v.Id) >= MaxConcurrentSnapshotsPerVolume))
        {
            throw new FakeAwsErrorException(400, "ConcurrentSnapshotLimitExceeded", "You have reached the limit on concurrent snapshots of this volume.");
        }

        if (pending.Count + instance.Volumes.Count > MaxPendingSnapshotsPerAccount)
        {
            throw new FakeAwsErrorException(400, "PendingSnapshotLimitExceeded", "You have reached the limit on pending snapshots.");
        }

        var start = DateTimeOffset.UtcNow;
        var created = instance.Volumes.Select(v => Snapshot(instance, v, tags, start)).ToList();
        return Response("CreateSnapshots", Items("snapshotSet", created.Select(s => E("snapshot",
            E("snapshotId", s.Id), E("volumeId", s.Volume.Id), E("state", s.State), E("volumeSize", s.Volume.SizeGiB),
            E("startTime", Time(s.StartTime)), E("progress", ""), E("ownerId", s.OwnerId), E("description", query["Description"] ?? ""),
            E("encrypted", Bool(s.Volume.KmsKeyId is not null)), TagSet(s.Tags)))));
    }

    private XElement DescribeSnapshots(string account, string region, FakeQuery query)
    {
        var owners = query.List("Owner").Select(o => o == "self" ? account : o).ToList();
        var filters = query.Filters();
        var ids = query.List("SnapshotId");
        var visible = _snapshots.Values
            .Where(s => s.Region == region && (s.OwnerId == account || s.SharedWith.Contains(account)))
            .Where(s => owners.Count == 0 || owners.Contains(s.OwnerId))
            .Where(s => filters.All(f => f.Key.StartsWith("tag:", StringComparison.Ordinal) && s.Tags.TryGetValue(f.Key[4..], out var v) && f.Value.Contains(v)))
            .OrderBy(s => s.Id, StringComparer.Ordinal).ToList();
        foreach (var id in ids.Where(id => visible.All(s => s.Id != id)))
        {
            throw FakeAwsErrorException.NotFound("snapshot", id);
        }

        var (page, next) = Page(ids.Count > 0 ? [.. visible.Where(s => ids.Contains(s.Id))] : visible, query, "snapshots");
        return Response("DescribeSnapshots", Items("snapshotSet", page.Select(s => E("snapshot",
            E("snapshotId", s.Id), E("volumeId", s.VolumeId), E("status", s.State), Optional("statusMessage", s.StateMessage),
            E("startTime", Time(s.StartTime)), E("progress", s.State == "completed" ? "100%" : "0%"), E("ownerId", s.OwnerId),
            E("volumeSize", s.Volume.SizeGiB), E("description", "Snapsight scan snapshot"),
            E("encrypted", Bool(s.KmsKeyId is not null)), Optional("kmsKeyId", s.KmsKeyId), TagSet(s.Tags)))),
            Optional("nextToken", next));
    }

    private XElement DescribeSnapshotAttribute(string account, string region, FakeQuery query)
    {
        var snapshot = Owned(account, region, query["SnapshotId"]);
        return Response("DescribeSnapshotAttribute", E("snapshotId", snapshot.Id),
            Items("createVolumePermission", snapshot.SharedWith.Select(u => E("permission", E("userId", u)))));
    }

    /// <summary>Statements ShareOurSnapshotsWithServiceAccount, UnshareOurSnapshots and the Deny NeverSharePublicly.</summary>
    private XElement ModifySnapshotAttribute(SignedCaller caller, string account, FakeQuery query)
    {
        var snapshot = Owned(account, caller.Region, query["SnapshotId"]);
        var add = Permissions(query, "Add", "add");
        var remove = Permissions(query, "Remove", "remove");
        if (add.Groups.Count > 0 || remove.Groups.Count > 0)
        {
            Deny("ModifySnapshotAttribute", "a group (public sharing) was named");
            throw FakeAwsErrorException.Unauthorized("ModifySnapshotAttribute");
        }

        if (!MayTouch(caller, "ModifySnapshotAttribute", snapshot))
        {
            throw FakeAwsErrorException.Unauthorized("ModifySnapshotAttribute");
        }

        var serviceAccount = Role(caller) is { } role ? ServiceAccountOf(role).AccountId : ServiceAccountId;
        if (add.Users.Concat(remove.Users).Any(u => u != serviceAccount) || add.Users.Count + remove.Users.Count == 0)
        {
            Deny("ModifySnapshotAttribute", $"users [{string.Join(", ", add.Users.Concat(remove.Users))}] are not only the service account");
            throw FakeAwsErrorException.Unauthorized("ModifySnapshotAttribute");
        }

        snapshot.SharedWith.UnionWith(add.Users);
        snapshot.SharedWith.ExceptWith(remove.Users);
        return Response("ModifySnapshotAttribute", E("return", "true"));
    }

    private XElement DeleteSnapshot(SignedCaller caller, string account, FakeQuery query)
    {
        var snapshot = Owned(account, caller.Region, query["SnapshotId"]);
        if (!MayTouch(caller, "DeleteSnapshot", snapshot))
        {
            throw FakeAwsErrorException.Unauthorized("DeleteSnapshot");
        }

        _snapshots.Remove(snapshot.Id);
        File.Delete(snapshot.ImagePath);
        return Response("DeleteSnapshot", E("return", "true"));
    }

    /// <summary>Statement KeepOurScannedSnapshots: only snapshots tagged ours, only the keeping keys (TagOnlyAtCreation covers creation).</summary>
    private XElement CreateTags(SignedCaller caller, string account, FakeQuery query)
    {
        var tags = query.Members("Tag", "Key").ToDictionary(t => query[$"Tag.{t}.Key"]!, t => query[$"Tag.{t}.Value"] ?? "", StringComparer.Ordinal);
        var snapshots = query.List("ResourceId").Select(id => Owned(account, caller.Region, id)).ToList();
        foreach (var snapshot in snapshots)
        {
            if (!MayTouch(caller, "CreateTags", snapshot) || tags.Count == 0 || tags.Keys.Any(k => !SnapshotTags.KeepingKeys.Contains(k)))
            {
                Deny("CreateTags", $"tags [{string.Join(", ", tags.Keys)}] on {snapshot.Id}");
                throw FakeAwsErrorException.Unauthorized("CreateTags");
            }
        }

        foreach (var snapshot in snapshots)
        {
            var merged = new Dictionary<string, string>(snapshot.Tags, StringComparer.Ordinal);
            foreach (var (key, value) in tags)
            {
                merged[key] = value;
            }

            snapshot.Tags = merged;
        }

        return Response("CreateTags", E("return", "true"));
    }

    /// <summary>The tags a request gives the snapshots it creates (TagSpecification.N with ResourceType snapshot).</summary>
    private static Dictionary<string, string> SnapshotTagSpecifications(FakeQuery query)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var spec in query.Members("TagSpecification", "ResourceType").Where(s => query[$"TagSpecification.{s}.ResourceType"] == "snapshot"))
        {
            foreach (var t in query.Members($"TagSpecification.{spec}.Tag", "Key"))
            {
                tags[query[$"TagSpecification.{spec}.Tag.{t}.Key"]!] = query[$"TagSpecification.{spec}.Tag.{t}.Value"] ?? "";
            }
        }

        return tags;
    }

    private FakeSnapshotRecord Owned(string account, string region, string? id) =>
        id is not null && _snapshots.TryGetValue(id, out var s) && s.OwnerId == account && s.Region == region
            ? s
            : throw FakeAwsErrorException.NotFound("snapshot", id ?? "");

    /// <summary>Users and groups to add or remove, in either of the two forms the API takes.</summary>
    private static (List<string> Users, List<string> Groups) Permissions(FakeQuery query, string member, string operation)
    {
        var prefix = $"CreateVolumePermission.{member}";
        var users = query.Members(prefix, "UserId").Select(i => query[$"{prefix}.{i}.UserId"]!).ToList();
        var groups = query.Members(prefix, "Group").Select(i => query[$"{prefix}.{i}.Group"]!).ToList();
        if (query["OperationType"] == operation)
        {
            users.AddRange(query.List("UserId"));
            groups.AddRange(query.List("UserGroup"));
        }

        return (users, groups);
    }

    /// <summary>A page of at most MaxResults and <see cref="PageLimit"/> items when MaxResults is given (all of them otherwise).</summary>
    private (List<T> Page, string? Next) Page<T>(List<T> all, FakeQuery query, string kind)
    {
        if (query.Int("MaxResults") is not { } max)
        {
            return (all, null);
        }

        if (max is < 5 or > 1000)
        {
            throw new FakeAwsErrorException(400, "InvalidParameterValue", "MaxResults must be from 5 to 1000.");
        }

        var from = 0;
        if (query["NextToken"] is { } token)
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(token)).Split(':');
            if (decoded.Length != 2 || decoded[0] != kind || !int.TryParse(decoded[1], out from) || from < 0 || from > all.Count)
            {
                throw new FakeAwsErrorException(400, "InvalidParameterValue", "The NextToken is not valid.");
            }
        }

        if (Faults.RepeatNextToken && query["NextToken"] is { } asked)
        {
            return ([.. all.Skip(from).Take(Math.Min(max, PageLimit))], asked);
        }

        var page = all.Skip(from).Take(Math.Min(max, PageLimit)).ToList();
        var end = from + page.Count;
        return (page, end < all.Count ? Convert.ToBase64String(Encoding.UTF8.GetBytes($"{kind}:{end}")) : null);
    }
}
