namespace Snapsight.Inventory.Packages.Rpm;

public sealed partial class RpmHeader
{
    /// <summary>
    /// Most characters of file paths <see cref="GetFiles"/> builds. Paths are a directory name
    /// joined to each base name, so a header could name one long directory for millions of
    /// files; the cap turns that into an error instead of gigabytes of strings.
    /// </summary>
    public const long MaxFileListChars = 32L * 1024 * 1024;

    /// <summary>
    /// The installed files, as <c>rpm -ql</c> lists them: DIRNAMES[DIRINDEXES[i]] + BASENAMES[i]
    /// (rpm ≥ 4.1 compressed file lists), or OLDFILENAMES in older headers; empty when the
    /// package owns no files.
    /// </summary>
    public IReadOnlyList<string> GetFiles()
    {
        var baseNames = GetStringArray(RpmTag.BaseNames);
        if (baseNames is null)
        {
            return GetStringArray(RpmTag.OldFileNames) ?? [];
        }

        var dirNames = GetStringArray(RpmTag.DirNames) ?? [];
        var dirIndexes = GetInt32Array(RpmTag.DirIndexes) ?? [];
        if (dirIndexes.Length != baseNames.Length)
        {
            throw Bad(_dataOffset, $"{baseNames.Length} BASENAMES but {dirIndexes.Length} DIRINDEXES");
        }

        var files = new string[baseNames.Length];
        long chars = 0;
        for (var i = 0; i < files.Length; i++)
        {
            var dir = dirIndexes[i];
            if (dir < 0 || dir >= dirNames.Length)
            {
                throw Bad(_dataOffset, $"DIRINDEXES[{i}]={dir} is outside the {dirNames.Length} DIRNAMES");
            }

            chars += dirNames[dir].Length + baseNames[i].Length;
            if (chars > MaxFileListChars)
            {
                throw Bad(_dataOffset, $"the file list exceeds {MaxFileListChars} characters");
            }

            files[i] = dirNames[dir] + baseNames[i];
        }

        return files;
    }
}
