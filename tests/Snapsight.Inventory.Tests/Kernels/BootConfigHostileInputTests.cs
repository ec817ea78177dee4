using System.Text;
using Snapsight.Disk.FileSystems;
using Snapsight.Disk.FileSystems.HostDirectory;
using Snapsight.Disk.Tests.Support;
using Snapsight.Inventory.Kernels;
using Snapsight.Inventory.Kernels.BootLoaders;

namespace Snapsight.Inventory.Tests.Kernels;

/// <summary>Crafted boot configurations: each ends in a partial answer with the problem named, within the hostile-input bar.</summary>
public sealed class BootConfigHostileInputTests
{
    private static T WithinBar<T>(Func<T> parse)
    {
        T result = default!;
        Assert.Null(HostileInput.Run(_ =>
        {
            result = parse();
            return Task.CompletedTask;
        }));
        return result;
    }

    [Fact]
    public void A_million_menu_entries_stop_at_the_entry_bound()
    {
        var text = new StringBuilder().Insert(0, "menuentry 'x' {\n\tlinux /vmlinuz-1\n}\n", 1_000_000).ToString();

        var config = WithinBar(() => GrubConfigParser.Parse(text));

        Assert.Equal(GrubConfigParser.MaxEntries, config.Entries.Count);
        Assert.Contains($"more than {GrubConfigParser.MaxEntries} entries", Assert.Single(config.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Submenus_nested_a_hundred_thousand_deep_stop_at_the_depth_bound()
    {
        var text = new StringBuilder().Insert(0, "submenu 'x' {\n", 100_000).ToString();

        var config = WithinBar(() => GrubConfigParser.Parse(text));

        Assert.Empty(config.Entries);
        Assert.Contains(config.Problems, p => p.Contains($"{GrubConfigParser.MaxDepth} nested blocks", StringComparison.Ordinal));
    }

    [Fact]
    public void An_entry_never_closed_is_dropped_and_the_ones_before_it_kept()
    {
        // The second entry's closing brace is missing: GRUB cannot finish that command, so it has no such entry.
        var config = GrubConfigParser.Parse("menuentry 'a' {\n linux /vmlinuz-1\n}\nmenuentry 'b' {\n linux /vmlinuz-2\n");

        Assert.Equal([("a", "/vmlinuz-1")], config.Entries.Select(e => (e.Title, e.Kernel!)));
        Assert.Contains("1 block(s) are not closed", Assert.Single(config.Problems), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1099511627776")] // 2^40
    [InlineData("99999999999999999999999999")] // past a long
    public void A_default_index_past_the_menu_boots_the_first_entry(string index)
    {
        var config = GrubConfigParser.Parse($"set default=\"{index}\"\nmenuentry 'a' {{\n linux /vmlinuz-1\n}}\nmenuentry 'b' {{\n linux /vmlinuz-2\n}}\n");

        var choice = GrubDefaultRule.Resolve(config, [], null);

        Assert.Equal("a", choice.Entry?.Title);
        Assert.Contains(choice.Notes, n => n.Contains("GRUB boots the first entry", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(512)]
    [InlineData(4096)]
    public void A_grubenv_that_is_not_1024_bytes_is_read_and_reported(int size)
    {
        using var directory = new TempDirectory();
        var file = directory.File("grubenv");
        Tool.Run("grub-editenv", file, "create");
        Tool.Run("grub-editenv", file, "set", "saved_entry=gnulinux-6.1.0-18-amd64-advanced");
        var block = File.ReadAllBytes(file);
        var resized = new byte[size];
        block.AsSpan(0, Math.Min(size, block.Length)).CopyTo(resized);
        resized.AsSpan(Math.Min(size, block.Length)).Fill((byte)'#');

        var environment = WithinBar(() => GrubEnvironment.Parse(resized));

        Assert.Equal("gnulinux-6.1.0-18-amd64-advanced", environment.Get("saved_entry"));
        Assert.Equal($"is {size} bytes, not the 1024 grub-editenv writes", Assert.Single(environment.Problems));
    }

    [Fact]
    public void A_grubenv_of_thousands_of_variables_keeps_the_first_and_says_so()
    {
        var block = Encoding.ASCII.GetBytes("# GRUB Environment Block\n" + string.Concat(Enumerable.Range(0, 5000).Select(i => $"v{i}=x\n")));

        var environment = WithinBar(() => GrubEnvironment.Parse(block));

        Assert.Equal(GrubEnvironment.MaxVariables, environment.Variables.Count);
        Assert.Contains(environment.Problems, p => p.StartsWith("more than", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_10_MiB_loader_entry_is_a_gap_and_the_other_entries_still_choose()
    {
        using var directory = new TempDirectory();
        Directory.CreateDirectory(directory.File("boot/loader/entries"));
        Directory.CreateDirectory(directory.File("boot/grub2"));
        await File.WriteAllTextAsync(directory.File("boot/vmlinuz-4.18.0-513.el8.x86_64"), "x");
        await File.WriteAllTextAsync(directory.File("boot/grub2/grub.cfg"), "set default=\"${saved_entry}\"\nblscfg\n");
        await File.WriteAllTextAsync(directory.File("boot/loader/entries/m-4.18.0-513.el8.x86_64.conf"), "title RHEL\nversion 4.18.0-513.el8.x86_64\nlinux /vmlinuz-4.18.0-513.el8.x86_64\n");
        await using (var big = File.Create(directory.File("boot/loader/entries/big.conf")))
        {
            big.SetLength(10L << 20);
        }

        using var host = new HostDirectoryFileSystem(directory.Path);
        KernelDetection? detection = null;
        Assert.Null(HostileInput.Run(async ct => detection = await KernelDetector.DetectAsync(new FileTree(host), [], ct)));

        Assert.Equal(["4.18.0-513.el8.x86_64"], detection!.Kernels.Where(k => k.IsBootDefault).Select(k => k.Release));
        Assert.Contains(detection.Gaps, g => g.Where == "/boot/loader/entries/big.conf" && g.Reason.Contains("not read", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_grub_cfg_over_4_MiB_is_a_gap_naming_it()
    {
        using var directory = new TempDirectory();
        Directory.CreateDirectory(directory.File("boot/grub"));
        await File.WriteAllTextAsync(directory.File("boot/vmlinuz-6.1.0-18-amd64"), "x");
        await using (var big = File.Create(directory.File("boot/grub/grub.cfg")))
        {
            big.SetLength(KernelFiles.MaxGrubConfigBytes + 1);
        }

        using var host = new HostDirectoryFileSystem(directory.Path);
        var detection = await KernelDetector.DetectAsync(new FileTree(host), []);

        Assert.Contains(detection.Gaps, g => g.Where == "/boot/grub/grub.cfg" && g.Reason.Contains("not read", StringComparison.Ordinal));
        Assert.DoesNotContain(detection.Kernels, k => k.IsBootDefault);
    }
}
