using System.Text;

namespace Snapsight.Inventory.Packages.Dpkg;

/// <summary>
/// The fields of one status-file paragraph that a package record needs, gathered line by line
/// and turned into an <see cref="InstalledPackage"/> with dpkg's defaults. Other fields
/// (Description, Depends, Conffiles…) are never decoded. Reused from paragraph to paragraph.
/// </summary>
internal sealed class DpkgParagraph
{
    private string? package;
    private string? status;
    private string? version;
    private string? architecture;
    private string? source;
    private string? brokenBecause;

    public bool IsEmpty => StartLine == 0;

    public int StartLine { get; private set; }

    /// <summary>True once a field line has been seen, so that a continuation line has something to continue.</summary>
    public bool HasField { get; private set; }

    public void Start(int lineNumber)
    {
        package = status = version = architecture = source = brokenBecause = null;
        HasField = false;
        StartLine = lineNumber;
    }

    public void Clear() => StartLine = 0;

    /// <summary>Marks the paragraph unreadable; dpkg would refuse the whole file, we skip only this paragraph.</summary>
    public void MarkBroken(string reason) => brokenBecause ??= reason;

    /// <summary>Takes one "Name: value" line; field names are case-insensitive, values trimmed.</summary>
    public void SetField(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
        HasField = true;
        name = name.Trim(" \t"u8);
        if (Ascii.EqualsIgnoreCase(name, "Package"u8))
        {
            Assign(ref package, value, "Package");
        }
        else if (Ascii.EqualsIgnoreCase(name, "Status"u8))
        {
            Assign(ref status, value, "Status");
        }
        else if (Ascii.EqualsIgnoreCase(name, "Version"u8))
        {
            Assign(ref version, value, "Version");
        }
        else if (Ascii.EqualsIgnoreCase(name, "Architecture"u8))
        {
            Assign(ref architecture, value, "Architecture");
        }
        else if (Ascii.EqualsIgnoreCase(name, "Source"u8))
        {
            Assign(ref source, value, "Source");
        }
    }

    /// <summary>
    /// The package dpkg-query would list for this paragraph, or null when it lists none (a
    /// problem is recorded when that is because the paragraph is unreadable).
    /// </summary>
    /// <param name="missingStatusMeansInstalled">
    /// True for distroless status.d files, which exist only for installed packages and often
    /// carry no Status; in the status file dpkg reads a missing Status as not-installed.
    /// </param>
    public InstalledPackage? ToPackage(string location, bool missingStatusMeansInstalled, ParseProblems problems)
    {
        if (brokenBecause is not null)
        {
            problems.Add(StartLine, $"paragraph skipped: {brokenBecause}");
            return null;
        }

        if (string.IsNullOrEmpty(package))
        {
            problems.Add(StartLine, "paragraph has no Package field; skipped");
            return null;
        }

        string? statusText = null;
        if (status is not null)
        {
            if (!DpkgStatusField.TryRead(status, out var normalized, out var listed, out var problem))
            {
                problems.Add(StartLine, $"package '{package}': {problem}; skipped");
                return null;
            }

            if (!listed)
            {
                return null;
            }

            statusText = normalized;
        }
        else if (!missingStatusMeansInstalled)
        {
            return null;
        }

        if (string.IsNullOrEmpty(version))
        {
            problems.Add(StartLine, $"package '{package}' has no Version field; skipped");
            return null;
        }

        // dpkg folds package names to lower case when it reads them (pkg_db_find_set).
        var name = package.ToLowerInvariant();
        var printedVersion = DpkgVersionText.Normalize(version);
        var (sourceName, sourceVersion) = DpkgSourceField.Read(source, name, printedVersion);
        return new InstalledPackage
        {
            Type = "dpkg",
            Name = name,
            Version = printedVersion,
            Arch = string.IsNullOrEmpty(architecture) ? null : architecture,
            SourceName = sourceName,
            SourceVersion = sourceVersion,
            Status = statusText,
            Location = location,
        };
    }

    private void Assign(ref string? field, ReadOnlySpan<byte> value, string fieldName)
    {
        if (field is not null)
        {
            MarkBroken($"field {fieldName} appears twice");
            return;
        }

        field = Encoding.UTF8.GetString(value.Trim(" \t"u8));
    }
}
