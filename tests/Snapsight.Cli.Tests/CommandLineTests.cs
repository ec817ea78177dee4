using System.Text.Json;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Cli.Tests;

public sealed class CommandLineTests
{
    [Theory]
    [InlineData("disk")]
    [InlineData("ls")]
    [InlineData("cat")]
    [InlineData("inventory")]
    [InlineData("sbom")]
    [InlineData("scan")]
    [InlineData("db")]
    [InlineData("demo")]
    public void Every_verb_explains_itself_with_an_example(string verb)
    {
        var result = SnapsightProcess.Run(verb, "--help");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Usage:", result.Text, StringComparison.Ordinal);
        Assert.Contains($"snapsight {verb} ", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_root_help_lists_every_verb()
    {
        var result = SnapsightProcess.Run("--help");
        Assert.Equal(0, result.ExitCode);
        foreach (var verb in new[] { "disk", "ls", "cat", "inventory", "sbom", "scan", "db", "demo" })
        {
            Assert.Contains(verb, result.Text, StringComparison.Ordinal);
        }
    }

    /// <summary>A response file's arguments are the command line's: help asked for inside one is help, not an image path.</summary>
    [Fact]
    public void Help_asked_for_in_a_response_file_is_help()
    {
        using var dir = new TempDirectory();
        var arguments = dir.File("arguments.rsp");
        File.WriteAllText(arguments, "ls\n--help\n");

        var result = SnapsightProcess.Run("@" + arguments);

        Assert.Equal((0, ""), (result.ExitCode, result.Stderr));
        Assert.Contains("snapsight ls ", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_image_is_a_usage_error_with_one_sentence_on_stderr_and_nothing_on_stdout()
    {
        var result = SnapsightProcess.Run("ls", "/nonexistent/disk.qcow2");
        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.Stdout);
        Assert.Contains("/nonexistent/disk.qcow2", result.Stderr, StringComparison.Ordinal);
        Assert.Single(result.Stderr.Trim().Split('\n'));
    }

    [Fact]
    public void The_demo_refuses_a_data_folder_in_use_before_touching_it()
    {
        using var temp = new TempDirectory();
        var data = temp.File("in-use");
        Directory.CreateDirectory(data);
        File.WriteAllText(Path.Combine(data, "snapsight.db"), "someone's database");
        var result = SnapsightProcess.Run("demo", "--data-dir", data);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is not empty", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(["snapsight.db"], Directory.GetFileSystemEntries(data).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1441")]
    [InlineData("-5")]
    public void The_demo_refuses_a_timeout_out_of_range_before_making_anything(string minutes)
    {
        using var temp = new TempDirectory();
        var data = temp.File("demo");
        var result = SnapsightProcess.Run("demo", "--data-dir", data, "--timeout", minutes);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--timeout", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(data), "the data folder was made");
    }

    [Theory]
    // Five fields: the why is missing.
    [InlineData("web\t210987654321\teu-west-1\tdebian 12\troot.raw")]
    // Not a 12-digit account id.
    [InlineData("web\t2109876\teu-west-1\tdebian 12\troot.raw\twhy")]
    // A volume outside the image folder: the list may not point the builder at other files.
    [InlineData("web\t210987654321\teu-west-1\tdebian 12\t../outside.raw\twhy")]
    // A volume that is not there.
    [InlineData("web\t210987654321\teu-west-1\tdebian 12\tmissing.raw\twhy")]
    public void A_malformed_fleet_list_is_a_usage_error_naming_its_line(string line)
    {
        using var temp = new TempDirectory();
        var images = temp.File("images");
        Directory.CreateDirectory(images);
        File.WriteAllText(temp.File("outside.raw"), "");
        File.WriteAllText(Path.Combine(images, "root.raw"), "");
        File.WriteAllText(Path.Combine(images, "fleet.tsv"), line + "\n");
        var result = SnapsightProcess.Run("demo", "--data-dir", temp.File("data"), "--images", images);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("fleet.tsv:1:", result.Stderr, StringComparison.Ordinal);
        Assert.Single(result.Stderr.Trim().Split('\n'));
    }

    [Fact]
    public void An_unknown_option_is_a_usage_error()
    {
        var result = SnapsightProcess.Run("ls", "disk.img", "--no-such-option");
        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public void Cat_writes_the_exact_bytes_of_the_file_following_the_os_release_symlink()
    {
        var result = SnapsightProcess.Run("cat", DebianImages.Path("gpt-disk.vhdx"), "/etc/os-release");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(File.ReadAllBytes(DebianImages.Path("rootfs/etc/os-release")), result.Stdout);
    }

    [Fact]
    public void Cat_of_a_directory_says_so()
    {
        var result = SnapsightProcess.Run("cat", DebianImages.Path("root-ext4.img"), "/etc");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("not a regular file", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Ls_json_lines_match_what_the_kernel_said_about_the_tree()
    {
        var result = SnapsightProcess.Run("ls", DebianImages.Path("gpt-disk.qcow2"), "/usr/bin", "--json");
        Assert.Equal(0, result.ExitCode);
        var expected = DebianImages.Manifest
            .Where(e => e.Path.StartsWith("/usr/bin/", StringComparison.Ordinal) && e.Path.LastIndexOf('/') == "/usr/bin".Length)
            .ToDictionary(e => e.Path);
        var lines = result.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(expected.Count, lines.Length);
        foreach (var line in lines)
        {
            using var json = JsonDocument.Parse(line);
            var o = json.RootElement;
            var want = expected[o.GetProperty("path").GetString()!];
            Assert.Equal(want.Type, o.GetProperty("type").GetString());
            Assert.Equal(want.Mode, o.GetProperty("mode").GetString());
            Assert.Equal(want.Uid, o.GetProperty("uid").GetInt64());
            Assert.Equal(want.Gid, o.GetProperty("gid").GetInt64());
            Assert.True(o.GetProperty("inode").GetInt64() > 0);
            if (want.Type == "symlink")
            {
                Assert.Equal(want.Target, o.GetProperty("target").GetString());
            }
            else
            {
                Assert.Equal(want.Size, o.GetProperty("size").GetInt64());
                Assert.False(o.TryGetProperty("target", out _));
            }
        }
    }

    [Fact]
    public void Ls_of_a_partition_lists_that_file_system_alone()
    {
        var result = SnapsightProcess.Run("ls", DebianImages.Path("gpt-disk.raw"), "/EFI/debian", "--partition", "1");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("/EFI/debian/A Long File Name.txt", result.Text, StringComparison.Ordinal);
        Assert.Contains("/EFI/debian/os-release.txt", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Disk_reports_the_table_the_file_systems_and_the_root()
    {
        var result = SnapsightProcess.Run("disk", DebianImages.Path("gpt-disk.vhd"), "--json");
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var o = json.RootElement;
        Assert.Equal("vhd-dynamic", o.GetProperty("format").GetString());
        Assert.Equal("gpt", o.GetProperty("partitionTable").GetProperty("scheme").GetString());
        Assert.Equal("p2", o.GetProperty("root").GetString());
        var volumes = o.GetProperty("volumes").EnumerateArray().ToDictionary(v => v.GetProperty("name").GetString()!);
        Assert.Equal("/boot/efi", volumes["p1"].GetProperty("mountPoint").GetString());
        Assert.Equal("/srv/data", volumes["p3"].GetProperty("mountPoint").GetString());
        Assert.Equal(65L * 1024 * 1024, volumes["p2"].GetProperty("offset").GetInt64());
        Assert.Equal("0f6d1f6e-2a42-4c1b-8f0e-3a6f2b1c9d01", volumes["p2"].GetProperty("uuid").GetString());

        var table = SnapsightProcess.Run("disk", DebianImages.Path("gpt-disk.vhd"));
        Assert.Equal(0, table.ExitCode);
        Assert.Contains("Root    p2 (ext4", table.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Ls_of_a_symbolic_link_to_a_file_lists_the_link_itself()
    {
        var result = SnapsightProcess.Run("ls", DebianImages.Path("root-ext4.img"), "/etc/os-release", "--json");
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Text);
        Assert.Equal("/etc/os-release", json.RootElement.GetProperty("path").GetString());
        Assert.Equal("symlink", json.RootElement.GetProperty("type").GetString());
        Assert.Equal(DebianImages.Manifest.Single(e => e.Path == "/etc/os-release").Target, json.RootElement.GetProperty("target").GetString());
    }

    [Fact]
    public void A_partition_that_is_not_a_number_is_a_one_line_usage_error()
    {
        var result = SnapsightProcess.Run("ls", DebianImages.Path("gpt-disk.raw"), "/", "--partition", "abc");
        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.Stdout);
        Assert.Contains("--partition takes a partition number", result.Stderr, StringComparison.Ordinal);
        Assert.Single(result.Stderr.Trim().Split('\n'));
    }

    [Fact]
    public void A_directory_given_as_the_image_is_named_as_such()
    {
        var result = SnapsightProcess.Run("disk", Path.GetTempPath());
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is a directory, not a disk image", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Cat_writes_nothing_when_any_path_is_missing()
    {
        var result = SnapsightProcess.Run("cat", DebianImages.Path("root-ext4.img"), "/etc/hostname", "/etc/no-such-file");
        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.Stdout);
        Assert.Contains("/etc/no-such-file", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_from_the_disk_cannot_forge_lines_or_drive_the_terminal()
    {
        var tree = Directory.CreateTempSubdirectory("snapsight-cli-").FullName;
        try
        {
            // A name holding an escape sequence and a line break, as a compromised machine could write.
            File.WriteAllText(Path.Combine(tree, "evil\u001b[2J\nforged-line"), "x");
            File.WriteAllText(Path.Combine(tree, "plain"), "y");
            var image = Path.Combine(tree, "..", Path.GetFileName(tree) + ".ext4");
            Tool.Run("mkfs.ext4", "-q", "-F", "-d", tree, image, "4M");

            var text = SnapsightProcess.Run("ls", image, "/");
            Assert.Equal(0, text.ExitCode);
            Assert.DoesNotContain('\u001b', text.Text);
            Assert.Contains("/evil\\x1B[2J\\x0Aforged-line", text.Text, StringComparison.Ordinal);
            Assert.Equal(3, text.Text.Trim().Split('\n').Length); // evil, plain, lost+found

            var json = SnapsightProcess.Run("ls", image, "/", "--json");
            var paths = json.Text.Trim().Split('\n').Select(l => JsonDocument.Parse(l).RootElement.GetProperty("path").GetString()).ToList();
            Assert.Contains("/evil\u001b[2J\nforged-line", paths);
            File.Delete(image);
        }
        finally
        {
            Directory.Delete(tree, recursive: true);
        }
    }

    [Fact]
    public void Inventory_json_has_the_contract_shape()
    {
        var result = SnapsightProcess.Run("inventory", DebianImages.Path("gpt-disk.qcow2"), "--format", "json");
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var o = json.RootElement;
        Assert.Equal(DebianImages.Path("gpt-disk.qcow2"), o.GetProperty("target").GetString());
        var os = o.GetProperty("os");
        Assert.Equal("debian", os.GetProperty("family").GetString());
        Assert.Equal("bookworm", os.GetProperty("codename").GetString());
        var root = o.GetProperty("filesystems").EnumerateArray().Single(f => f.GetProperty("mountPoint").GetString() == "/");
        Assert.Equal("ext4", root.GetProperty("type").GetString());
        var bash = o.GetProperty("packages").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "bash");
        Assert.Equal("dpkg", bash.GetProperty("type").GetString());
        Assert.StartsWith("pkg:deb/debian/bash@", bash.GetProperty("purl").GetString(), StringComparison.Ordinal);
        Assert.Equal("/var/lib/dpkg/status", bash.GetProperty("location").GetString());
        var stats = o.GetProperty("stats");
        Assert.InRange(stats.GetProperty("bytesRead").GetInt64(), 1, 2 * 1024 * 1024);
        Assert.Equal(new FileInfo(DebianImages.Path("gpt-disk.qcow2")).Length, stats.GetProperty("deviceBytes").GetInt64());
        Assert.Equal(JsonValueKind.Array, o.GetProperty("gaps").ValueKind);
    }

    [Fact]
    public void Inventory_lists_the_installed_kernels_and_marks_the_boot_default()
    {
        // The fixture whose grubenv (grub-editenv) saves the older of two real Debian kernels.
        var fixtures = Tool.Run(Path.Combine(DebianImages.RepositoryRoot, "tests", "images", "build-boot-fixtures")).Trim().Split('\n')[^1];
        var root = Path.Combine(fixtures, "cases", "debian-saved-older", "root");
        var expected = File.ReadAllText(Path.Combine(fixtures, "cases", "debian-saved-older", "expected")).Trim();

        var result = SnapsightProcess.Run("inventory", root, "--format", "json");
        var table = SnapsightProcess.Run("inventory", root);

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var kernels = json.RootElement.GetProperty("kernels").EnumerateArray().ToList();
        Assert.Equal(2, kernels.Count);
        var chosen = Assert.Single(kernels, k => k.GetProperty("bootDefault").GetBoolean());
        Assert.Equal(expected, chosen.GetProperty("release").GetString());
        Assert.Equal($"linux-image-{expected}", chosen.GetProperty("package").GetString());
        Assert.Equal($"/boot/vmlinuz-{expected}", chosen.GetProperty("image").GetString());
        Assert.Equal(JsonValueKind.String, chosen.GetProperty("version").ValueKind);
        Assert.Contains($"* {expected}", table.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_block_device_is_read_as_a_disk()
    {
        // A snapshot volume attached to the scanner shows up as a block device: a read-only loop device stands in for it.
        var device = Tool.Run("losetup", "--find", "--show", "--read-only", DebianImages.Path("gpt-disk.raw")).Trim();
        try
        {
            var result = SnapsightProcess.Run("disk", device, "--json");
            Assert.Equal(0, result.ExitCode);
            using var json = JsonDocument.Parse(result.Stdout);
            Assert.Equal(new FileInfo(DebianImages.Path("gpt-disk.raw")).Length, json.RootElement.GetProperty("virtualSize").GetInt64());
            Assert.Equal("p2", json.RootElement.GetProperty("root").GetString());
        }
        finally
        {
            Tool.Run("losetup", "--detach", device);
        }
    }

    [Fact]
    public void A_fifo_given_as_the_image_is_refused_without_blocking()
    {
        var fifo = Path.Combine(Path.GetTempPath(), $"snapsight-fifo-{Guid.NewGuid():N}");
        Tool.Run("mkfifo", fifo);
        try
        {
            var result = SnapsightProcess.Run("disk", fifo);
            Assert.Equal(2, result.ExitCode);
            Assert.Contains("not a disk image", result.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(fifo);
        }
    }
}
