using Snapsight.Disk.FileSystems;

namespace Snapsight.Disk.Tests.FileSystems.FileTree;

using FileTree = Snapsight.Disk.FileSystems.FileTree;

/// <summary>The path rules of docs/file-tree.md, one example each, over the in-memory double.</summary>
public sealed class FileTreeTests
{
    private static async Task<string> ReadAsync(FileTree tree, string path)
    {
        await using var stream = await tree.OpenReadAsync(path);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }

    [Fact]
    public async Task Relative_link_like_debian_os_release_resolves_through_its_parent()
    {
        var tree = new FileTree(new InMemoryFileSystem()
            .File("/usr/lib/os-release", "ID=debian\n")
            .Symlink("/etc/os-release", "../usr/lib/os-release"));

        Assert.Equal("/usr/lib/os-release", await tree.ResolveAsync("/etc/os-release"));
        Assert.Equal("ID=debian\n", await ReadAsync(tree, "/etc/os-release"));
        Assert.Equal(FileType.Symlink, (await tree.StatAsync("/etc/os-release"))!.Node.Type);
        Assert.Equal("../usr/lib/os-release", await tree.ReadLinkAsync("/etc/os-release"));
    }

    [Fact]
    public async Task Absolute_link_is_re_rooted_at_the_image_root()
    {
        var tree = new FileTree(new InMemoryFileSystem()
            .File("/usr/share/zoneinfo/Etc/UTC", "TZif")
            .Symlink("/etc/localtime", "/usr/share/zoneinfo/Etc/UTC"));

        Assert.Equal("/usr/share/zoneinfo/Etc/UTC", await tree.ResolveAsync("/etc/localtime"));
        Assert.Equal("TZif", await ReadAsync(tree, "/etc/localtime"));
    }

    [Fact]
    public async Task Link_to_a_host_path_like_proc_self_environ_resolves_inside_the_image_and_is_missing()
    {
        var tree = new FileTree(new InMemoryFileSystem().Symlink("/etc/os-release", "/proc/self/environ"));

        Assert.Null(await tree.ResolveAsync("/etc/os-release"));
        Assert.Null(await tree.StatAsync("/etc/os-release", followFinalSymlink: true));
        await Assert.ThrowsAsync<FileNotFoundException>(() => tree.OpenReadAsync("/etc/os-release"));
    }

    [Fact]
    public async Task Two_links_pointing_at_each_other_are_a_loop()
    {
        var tree = new FileTree(new InMemoryFileSystem().Symlink("/a", "b").Symlink("/b", "/a"));

        var error = await Assert.ThrowsAsync<SymlinkLoopException>(() => tree.ResolveAsync("/a"));
        Assert.Equal("/a", error.Path);
        Assert.IsAssignableFrom<DiskFormatException>(error);

        // Not following the last link is fine: the link itself exists.
        Assert.Equal(FileType.Symlink, (await tree.StatAsync("/a"))!.Node.Type);
    }

    [Theory]
    [InlineData(40, true)]
    [InlineData(41, false)]
    public async Task A_chain_of_forty_links_resolves_and_forty_one_fails(int links, bool resolves)
    {
        var fs = new InMemoryFileSystem().File("/target", "end");
        for (var i = 1; i <= links; i++)
        {
            fs.Symlink($"/link{i}", i == links ? "target" : $"link{i + 1}");
        }

        var tree = new FileTree(fs);
        if (resolves)
        {
            Assert.Equal("end", await ReadAsync(tree, "/link1"));
        }
        else
        {
            await Assert.ThrowsAsync<SymlinkLoopException>(() => tree.ResolveAsync("/link1"));
        }
    }

    [Fact]
    public async Task Dot_dot_beyond_the_root_stays_at_the_root()
    {
        var tree = new FileTree(new InMemoryFileSystem()
            .File("/etc/passwd", "root:x:0:0")
            .Symlink("/var/escape", "../../../../../etc/passwd")
            .Symlink("/up", ".."));

        Assert.Equal("/etc/passwd", await tree.ResolveAsync("/var/escape"));
        Assert.Equal("/etc/passwd", await tree.ResolveAsync("/../../etc/../../etc/passwd"));
        Assert.Equal("/", await tree.ResolveAsync("/up"));
        Assert.Equal("/etc/passwd", await tree.ResolveAsync("/up/up/etc/passwd"));
    }

    [Fact]
    public async Task Intermediate_links_are_always_followed_and_dot_dot_goes_back_from_where_they_led()
    {
        var tree = new FileTree(new InMemoryFileSystem()
            .File("/usr/lib/os-release", "ID=x")
            .File("/usr/share/doc", "doc")
            .Symlink("/lib", "usr/lib"));

        Assert.Equal("/usr/lib/os-release", (await tree.StatAsync("/lib/os-release"))!.Path);
        Assert.Equal("/usr/share/doc", await tree.ResolveAsync("/lib/../share/doc"));
    }

    [Fact]
    public async Task Hostile_entry_names_are_skipped_in_listings_and_recorded()
    {
        var fs = new InMemoryFileSystem().File("/dir/good", "x");
        foreach (var name in new[] { "a/b", "nul\0name", ".", "..", "" })
        {
            fs.RawEntry("/dir", name, "/dir/good", FileType.File);
        }

        var tree = new FileTree(fs);
        var listed = new List<string>();
        await foreach (var entry in tree.ListAsync("/dir"))
        {
            listed.Add(entry.Path);
        }

        Assert.Equal(["/dir/good"], listed);
        Assert.Equal(5, tree.Issues.Count);
        Assert.All(tree.Issues, issue => Assert.Equal("/dir", issue.Path));
        Assert.Contains(tree.Issues, issue => issue.Message.Contains("nul\\x00name", StringComparison.Ordinal));
        Assert.Null(await tree.StatAsync("/dir/a/b"));
    }

    [Fact]
    public async Task A_directory_aliasing_its_ancestor_is_reported_once_and_not_entered()
    {
        var fs = new InMemoryFileSystem().File("/a/b/file", "x");
        fs.RawEntry("/a/b", "back-to-a", "/a", FileType.Directory);
        fs.RawEntry("/a", "root-again", "/", FileType.Directory);
        var tree = new FileTree(fs);

        var walked = new List<string>();
        await foreach (var entry in tree.WalkAsync("/"))
        {
            walked.Add(entry.Path);
        }

        Assert.Equal(["/a", "/a/b", "/a/root-again", "/a/b/file", "/a/b/back-to-a"], walked);
        Assert.Equal(2, tree.Issues.Count(i => i.Message.Contains("already walked", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_broken_directory_does_not_stop_the_walk()
    {
        var fs = new InMemoryFileSystem()
            .File("/1-bad/seen-before-the-break", "x")
            .File("/2-good/file", "y")
            .Symlink("/3-link-to-dir", "2-good");
        fs.Directory("/1-bad", broken: true);
        var tree = new FileTree(fs);

        var walked = new List<string>();
        await foreach (var entry in tree.WalkAsync("/"))
        {
            walked.Add(entry.Path);
        }

        Assert.Contains("/2-good/file", walked);
        Assert.Contains("/1-bad/seen-before-the-break", walked);
        Assert.Contains("/3-link-to-dir", walked);
        Assert.DoesNotContain("/3-link-to-dir/file", walked);
        Assert.Contains(tree.Issues, issue => issue.Path == "/1-bad" && issue.Message.Contains("broken on purpose", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Walk_does_not_enter_directories_the_predicate_refuses()
    {
        var tree = new FileTree(new InMemoryFileSystem().File("/proc/1/environ", "secret").File("/etc/hostname", "h"));

        var walked = new List<string>();
        await foreach (var entry in tree.WalkAsync("/", path => path != "/proc"))
        {
            walked.Add(entry.Path);
        }

        Assert.Equal(["/etc", "/etc/hostname", "/proc"], walked.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_link_target_longer_than_path_max_is_refused()
    {
        var tree = new FileTree(new InMemoryFileSystem().Symlink("/long", new string('a', 5000)));

        var error = await Assert.ThrowsAsync<DiskFormatException>(() => tree.ResolveAsync("/long"));
        Assert.Contains("5000-character target", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_walk_stops_descending_at_its_depth_limit_and_says_so()
    {
        var deep = "/" + string.Join('/', Enumerable.Repeat("d", FileTree.MaxWalkDepth + 5));
        var tree = new FileTree(new InMemoryFileSystem().Directory(deep));

        var count = 0;
        await foreach (var unused in tree.WalkAsync("/"))
        {
            count++;
        }

        Assert.Equal(FileTree.MaxWalkDepth, count);
        Assert.Contains(tree.Issues, issue => issue.Message.Contains("deeper than 4096", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_lookup_reads_only_the_directories_on_its_path()
    {
        var fs = new InMemoryFileSystem().File("/usr/lib/os-release", "ID=x");
        for (var i = 0; i < 50; i++)
        {
            fs.File($"/usr/share/doc/package{i}/copyright", "c").File($"/var/lib/x{i}/y", "y");
        }

        var tree = new FileTree(fs);
        Assert.NotNull(await tree.StatAsync("/usr/lib/os-release"));

        Assert.Equal(3, fs.DirectoryReads); // "/", "/usr", "/usr/lib"
    }

    [Fact]
    public async Task A_directory_is_asked_about_a_name_once_found_or_not()
    {
        var fs = new InMemoryFileSystem().File("/usr/lib/os-release", "ID=x");
        var tree = new FileTree(fs);

        for (var i = 0; i < 3; i++)
        {
            Assert.NotNull(await tree.StatAsync("/usr/lib/os-release"));
            Assert.Null(await tree.StatAsync("/usr/lib/python3/dist-packages"));
        }

        // This file system answers a lookup by reading the directory: "/" for usr, "/usr" for lib, "/usr/lib" for
        // os-release and again for python3, in the first round only.
        Assert.Equal(4, fs.DirectoryReads);
    }

    [Fact]
    public async Task Names_alone_are_the_names_a_full_listing_gives_mounts_included()
    {
        var root = new InMemoryFileSystem().File("/boot/grub/grub.cfg", "x").File("/boot/vmlinuz", "k").Directory("/boot/efi");
        var esp = new InMemoryFileSystem().File("/EFI/debian/grubx64.efi", "e");
        var tree = new FileTree(root);
        tree.Mount("/boot/efi", esp);
        tree.Mount("/boot/extra", new InMemoryFileSystem());

        var listed = new List<string>();
        await foreach (var entry in tree.ListAsync("/boot"))
        {
            listed.Add(TreePath.FileName(entry.Path));
        }

        var names = new List<string>();
        await foreach (var name in tree.ListNamesAsync("/boot"))
        {
            names.Add(name);
        }

        Assert.Equal(["efi", "extra", "grub", "vmlinuz"], listed.Order(StringComparer.Ordinal));
        Assert.Equal(listed, names);
    }

    [Fact]
    public async Task Missing_paths_and_files_used_as_directories_are_null()
    {
        var tree = new FileTree(new InMemoryFileSystem().File("/etc/hostname", "h"));

        Assert.Equal(("/", FileType.Directory), ((await tree.StatAsync("/"))!.Path, (await tree.StatAsync("/"))!.Node.Type));
        Assert.Null(await tree.StatAsync("/etc/missing"));
        Assert.Null(await tree.StatAsync("/etc/hostname/x"));
        Assert.Null(await tree.StatAsync("/etc/hostname/"));
        Assert.Null(await tree.StatAsync("/etc/hostname/.."));
        await Assert.ThrowsAsync<DirectoryNotFoundException>(async () => await tree.ListAsync("/nope").ToListAsync());
    }
}
