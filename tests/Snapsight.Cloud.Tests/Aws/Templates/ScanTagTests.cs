using CsCheck;
using Snapsight.Cloud.Aws.Templates;
using Snapsight.Cloud.Tests.Support;

namespace Snapsight.Cloud.Tests.Aws.Templates;

/// <summary>Tag parsing: every rejection names the field, quotes the tag and says why; valid tags round-trip.</summary>
public sealed class ScanTagTests
{
    [Theory]
    [InlineData(" env=prod", "space or tab at the start or end of its key")]
    [InlineData("env\t=prod", "space or tab at the start or end of its key")]
    [InlineData("env= prod", "space or tab at the start or end of its value")]
    [InlineData("env=prod\t", "space or tab at the start or end of its value")]
    [InlineData("*env=prod", "'*' wildcard at the start or end of its key")]
    [InlineData("env*=prod", "'*' wildcard at the start or end of its key")]
    [InlineData("env=*prod", "'*' wildcard at the start or end of its value")]
    [InlineData("env=*", "'*' wildcard at the start or end of its value")]
    [InlineData("aws:cloudformation:stack-name=x", "starting with 'aws:'")]
    [InlineData("AWS:foo=x", "starting with 'aws:'")]
    [InlineData("env", "has no '='")]
    [InlineData("=prod", "empty key")]
    [InlineData("a,b=c", "a comma in its key")]
    [InlineData("a=b,c", "a comma in its value")]
    [InlineData("a=b\u0001", "control character U+0001 in its value")]
    [InlineData("a\nb=c", "control character U+000A in its key")]
    public void A_bad_tag_is_refused_naming_the_tag_and_why(string text, string why)
    {
        var error = Assert.Throws<TemplateParameterException>(() => ScanTag.Parse(text, "tags.all[3]"));
        Assert.Equal("tags.all[3]", error.Field);
        Assert.Contains($"'{text}'", error.Reason, StringComparison.Ordinal);
        Assert.Contains(why, error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_tag_is_refused()
    {
        Assert.Equal("tags.none[0]", Assert.Throws<TemplateParameterException>(() => ScanTag.Parse("", "tags.none[0]")).Field);
        Assert.Equal("tags.none[0]", Assert.Throws<TemplateParameterException>(() => ScanTag.Parse(null, "tags.none[0]")).Field);
    }

    [Theory]
    [InlineData("k=", 0xD800, "")]
    [InlineData("", 0xDC00, "k=v")]
    public void A_lone_surrogate_is_refused(string before, int surrogate, string after)
    {
        // Built here: attribute arguments cannot carry a lone surrogate.
        var text = before + (char)surrogate + after;
        Assert.Contains("not valid Unicode", Assert.Throws<TemplateParameterException>(() => ScanTag.Parse(text, "tags.all[0]")).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Valid_tags_parse_into_their_key_and_value_and_print_back()
    {
        Gen.Select(TemplateRequests.TagKey, TemplateRequests.TagValue).Sample((key, value) =>
        {
            var tag = ScanTag.Parse(key + "=" + value, "tags.any[0]");
            Assert.Equal(key, tag.Key);
            Assert.Equal(value, tag.Value);
            Assert.Equal(key + "=" + value, tag.ToString());
        });
    }

    [Fact]
    public void A_space_or_tab_at_either_end_of_key_or_value_is_always_refused()
    {
        Gen.Select(TemplateRequests.TagKey, TemplateRequests.TagValue.Where(v => v.Length > 0), Gen.Int[0, 3], Gen.OneOfConst(" ", "\t"))
            .Sample((key, value, where, blank) =>
            {
                var text = where switch
                {
                    0 => blank + key + "=" + value,
                    1 => key + blank + "=" + value,
                    2 => key + "=" + blank + value,
                    _ => key + "=" + value + blank,
                };
                var error = Assert.Throws<TemplateParameterException>(() => ScanTag.Parse(text, "tags.exclusion"));
                Assert.Equal("tags.exclusion", error.Field);
                Assert.Contains($"'{text}'", error.Reason, StringComparison.Ordinal);
                Assert.Contains(where < 2 ? "its key" : "its value", error.Reason, StringComparison.Ordinal);
            });
    }

    [Fact]
    public void Lengths_are_bounded_as_aws_bounds_them_in_characters_not_utf16_units()
    {
        // AWS: keys of 1 to 128 Unicode characters, values of 0 to 256.
        Gen.Select(Gen.Int[1, 200], Gen.Int[0, 400], Gen.OneOfConst("k", "é", "😀")).Sample((keyLength, valueLength, unit) =>
        {
            var key = string.Concat(Enumerable.Repeat(unit, keyLength));
            var value = string.Concat(Enumerable.Repeat(unit, valueLength));
            var accepted = keyLength <= 128 && valueLength <= 256;
            if (accepted)
            {
                Assert.Equal(key, ScanTag.Parse(key + "=" + value, "tags.all[0]").Key);
            }
            else
            {
                var error = Assert.Throws<TemplateParameterException>(() => ScanTag.Parse(key + "=" + value, "tags.all[0]"));
                Assert.Equal("tags.all[0]", error.Field);
            }
        });
    }
}
