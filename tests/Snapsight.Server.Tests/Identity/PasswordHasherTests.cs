using CsCheck;
using Snapsight.Control.Identity;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Server.Tests.Identity;

/// <summary>Argon2id as the reference implementation's own command-line tool computes it.</summary>
public sealed class PasswordHasherTests
{
    private static readonly PasswordHasher Hasher = new(PasswordHashing.Owasp);

    [Fact]
    public async Task Hashes_use_argon2id_at_owasp_parameters()
    {
        var encoded = await Hasher.HashAsync("correct horse battery staple", CancellationToken.None);

        Assert.StartsWith("$argon2id$v=19$m=19456,t=2,p=1$", encoded, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("correct horse battery staple", "somesaltsomesalt")]
    [InlineData("pässwörd with ünïcode ✓", "0123456789abcdef")]
    public async Task A_hash_made_by_the_reference_argon2_tool_verifies(string password, string salt)
    {
        var reference = Tool.Run("argon2", [salt, "-id", "-t", "2", "-k", "19456", "-p", "1", "-e"], password, null).Trim();

        Assert.True(await Hasher.VerifyAsync(reference, password, CancellationToken.None));
        Assert.False(await Hasher.VerifyAsync(reference, password + "x", CancellationToken.None));
        Assert.False(Hasher.NeedsRehash(reference));
    }

    [Fact]
    public async Task Weaker_stored_parameters_ask_for_a_rehash()
    {
        var weaker = Tool.Run("argon2", ["somesaltsomesalt", "-id", "-t", "1", "-k", "8192", "-p", "1", "-e"], "password", null).Trim();

        Assert.True(await Hasher.VerifyAsync(weaker, "password", CancellationToken.None));
        Assert.True(Hasher.NeedsRehash(weaker));
    }

    [Fact]
    public void Any_password_verifies_against_its_own_hash_and_no_other()
    {
        Gen.String[0, 80].Select(Gen.String[0, 80]).Where((a, b) => a != b).Sample((password, other) =>
        {
            var encoded = Hasher.HashAsync(password, CancellationToken.None).GetAwaiter().GetResult();
            return Hasher.VerifyAsync(encoded, password, CancellationToken.None).GetAwaiter().GetResult()
                && !Hasher.VerifyAsync(encoded, other, CancellationToken.None).GetAwaiter().GetResult();
        }, iter: 20);
    }

    [Theory]
    [InlineData("")]
    [InlineData("$argon2i$v=19$m=19456,t=2,p=1$c29tZXNhbHQ$AAAA")]
    [InlineData("$argon2id$v=19$m=99999999999,t=2,p=1$c29tZXNhbHQ$AAAA")]
    [InlineData("$argon2id$garbage")]
    public async Task Malformed_stored_hashes_never_verify(string stored)
    {
        Assert.False(await Hasher.VerifyAsync(stored, "password", CancellationToken.None));
    }
}
