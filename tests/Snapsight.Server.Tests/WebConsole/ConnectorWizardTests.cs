using System.Security.Claims;
using CsCheck;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Snapsight.Control.Accounts;
using Snapsight.Control.Identity;
using Snapsight.Server.Auth;
using Snapsight.Server.WebConsole.Connectors;

namespace Snapsight.Server.Tests.WebConsole;

/// <summary>
/// The wizard's step checks against the oracle they stand for, <see cref="ConnectorRules"/> on the whole connector (what
/// <c>POST /api/v1/connectors</c> applies): over drafts mixing good and bad values of every field, the steps pass exactly
/// when the rules accept, and the field the rules refuse first is named at its own step. And the draft's protection.
/// </summary>
public sealed class ConnectorWizardTests
{
    private static readonly Gen<ConnectorDraft> Drafts =
        Gen.Select(
            Gen.OneOfConst("web", "", "  ", new string('n', ConnectorRules.MaxNameLength + 1), "a\u0001b"),
            Gen.OneOfConst("", "the web tier", new string('d', ConnectorRules.MaxDescriptionLength + 1)),
            Gen.OneOfConst<IReadOnlyList<string>>(["VulnerabilityScanning"], ["Cspm"], ["VulnerabilityScanning", "Cspm"], [], ["Bogus"]),
            Gen.OneOfConst("commercial", "govcloud", "china", "mars"),
            Gen.OneOfConst("4", "1", "24", "0", "25", "four", ""))
        .Select(
            Gen.OneOfConst("arn:aws:iam::123456789012:role/r", "arn:aws-us-gov:iam::123456789012:role/r", "arn:aws-cn:iam::123456789012:role/r",
                "arn:aws:iam::12:role/r", "nope", ""),
            Gen.OneOfConst<IReadOnlyList<string>>(["eu-west-1"], ["eu-west-1", "us-east-1"], ["us-gov-west-1"], ["cn-north-1"], [],
                ["eu-west-1", "eu-west-1"], ["mars-1"]),
            Gen.OneOfConst("", "env=prod", "env=prod\nteam=web", "a=b=c", "=x"),
            (basics, arn, regions, tags) => new ConnectorDraft
            {
                Name = basics.Item1, Description = basics.Item2, Applications = basics.Item3, AccountType = basics.Item4,
                PollingFrequencyHours = basics.Item5, RoleArn = arn, Regions = regions, AssetTags = tags, ExternalId = "stand-in",
            });

    private static readonly WizardStep[] Checked = [WizardStep.Basics, WizardStep.Authentication, WizardStep.Regions, WizardStep.Activation];

    [Fact]
    public void The_steps_pass_exactly_when_the_rules_accept_the_whole_connector()
    {
        Drafts.Sample(draft =>
        {
            var stepsPass = Checked.All(step => ConnectorWizard.Check(draft, step).Count == 0);
            var rulesAccept = ConnectorWizard.Refusal(draft.ToInput()) is null && int.TryParse(draft.PollingFrequencyHours, out _);
            Assert.True(stepsPass == rulesAccept, $"steps {(stepsPass ? "pass" : "refuse")}, rules {(rulesAccept ? "accept" : "refuse")}: {draft}");
        }, iter: 2000);
    }

    [Fact]
    public void The_field_the_rules_refuse_first_is_named_at_its_step()
    {
        Drafts.Sample(draft =>
        {
            if (ConnectorWizard.Refusal(draft.ToInput()) is { } refused)
            {
                var field = ConnectorWizard.FieldOf(refused.Field);
                var errors = ConnectorWizard.Check(draft, ConnectorWizard.StepOf(refused.Field));
                Assert.True(errors.TryGetValue(field, out var reason) && reason == refused.Reason,
                    $"{field}: '{refused.Reason}' not shown at {ConnectorWizard.StepOf(refused.Field)} ({string.Join("; ", errors)}): {draft}");
            }
        }, iter: 2000);
    }

    [Fact]
    public void A_valid_step_is_not_refused_for_fields_of_later_steps()
    {
        var draft = new ConnectorDraft { Name = "web", ExternalId = "stand-in", AccountType = "govcloud" };
        Assert.Empty(ConnectorWizard.Check(draft, WizardStep.Basics));
        var authenticated = draft with { RoleArn = "arn:aws-us-gov:iam::123456789012:role/r" };
        Assert.Empty(ConnectorWizard.Check(authenticated, WizardStep.Authentication));
        Assert.Equal(["roleArn"], ConnectorWizard.Check(authenticated with { RoleArn = "arn:aws:iam::123456789012:role/r" },
            WizardStep.Authentication).Keys);
    }

    [Fact]
    public void A_draft_comes_back_only_unchanged_and_to_the_user_it_was_made_for()
    {
        var drafts = new ConnectorDrafts(new EphemeralDataProtectionProvider());
        var subscription = Guid.NewGuid();
        var user = Signed(subscription, Guid.NewGuid());
        var draft = ConnectorDraft.New() with { Name = "web", Regions = ["eu-west-1"] };
        var sealedDraft = drafts.Protect(user, draft);

        var back = drafts.Unprotect(user, sealedDraft);
        Assert.NotNull(back);
        Assert.Equal(draft.ExternalId, back.ExternalId);
        Assert.Equal(draft.Regions, back.Regions);
        Assert.DoesNotContain(draft.ExternalId, sealedDraft, StringComparison.Ordinal);
        Assert.Null(drafts.Unprotect(Signed(subscription, Guid.NewGuid()), sealedDraft));
        Assert.Null(drafts.Unprotect(Signed(Guid.NewGuid(), RequestActor.UserId(user)), sealedDraft));
        var flipped = (sealedDraft[^2] == 'A' ? 'B' : 'A') + sealedDraft[^1..];
        Assert.Null(drafts.Unprotect(user, sealedDraft[..^2] + flipped));
        Assert.Null(drafts.Unprotect(user, "not a draft"));
        Assert.Null(drafts.Unprotect(user, new string('A', 1 << 20)));
    }

    private static DefaultHttpContext Signed(Guid subscription, Guid user) => new()
    {
        User = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(AccessTokens.SubscriptionClaim, subscription.ToString()), new Claim(RequestActor.UserIdClaim, user.ToString())], "test")),
    };
}
