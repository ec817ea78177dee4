using System.Text;

namespace Snapsight.Inventory.Languages.Java;

/// <summary>
/// The coordinates Maven writes into META-INF/maven/&lt;group&gt;/&lt;artifact&gt;/pom.properties:
/// a java.util.Properties file of "key=value" lines (':' also separates; '#' and '!' start
/// comments). Escapes and continuation lines are not decoded: Maven writes neither for these keys.
/// </summary>
internal sealed record PomProperties(string? GroupId, string? ArtifactId, string? Version)
{
    public static PomProperties Parse(ReadOnlySpan<byte> text)
    {
        string? groupId = null, artifactId = null, version = null;
        foreach (var rawLine in Encoding.UTF8.GetString(text).Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.Length == 0 || line[0] is '#' or '!')
            {
                continue;
            }

            var separator = line.AsSpan().IndexOfAny('=', ':');
            if (separator <= 0)
            {
                continue;
            }

            var value = line[(separator + 1)..].Trim();
            switch (line[..separator].TrimEnd())
            {
                case "groupId":
                    groupId = value;
                    break;
                case "artifactId":
                    artifactId = value;
                    break;
                case "version":
                    version = value;
                    break;
            }
        }

        return new PomProperties(groupId, artifactId, version);
    }
}
