using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Snapsight.Cloud.Aws.Templates;
using Snapsight.Control.Identity;
using Snapsight.Control.Tokens;
using Snapsight.Server.Auth;

namespace Snapsight.Fuzz.Targets;

/// <summary>
/// What a caller of the control plane controls, each read the way the server reads it: the input
/// as a scan tag (<see cref="ScanTag.Parse"/>); as a template request's JSON, deserialised, validated
/// and rendered to JSON and YAML; and as an Authorization header, split by the server's bearer
/// selector and, when it is not a subscription token, validated as an access token. Refusals are
/// <see cref="TemplateParameterException"/>, <see cref="JsonException"/> and an invalid token
/// result; anything else escaping, or a forged token accepted, is a bug. A subscription token's
/// look-up needs the database, so only the selector's check of it is reached here.
/// </summary>
public sealed class ControlInputsFuzzTarget : IFuzzTarget
{
    private static readonly Lazy<AccessTokens> Tokens = new(CreateAccessTokens);

    public string Name => "control-inputs";

    public void Run(ReadOnlySpan<byte> input)
    {
        var text = Encoding.UTF8.GetString(input);
        ParseTag(text);
        RenderTemplates(input);
        ValidateBearer(text);
    }

    private static void ParseTag(string text)
    {
        try
        {
            _ = ScanTag.Parse(text, "fuzz");
        }
        catch (TemplateParameterException)
        {
        }
    }

    private static void RenderTemplates(ReadOnlySpan<byte> json)
    {
        try
        {
            if (ReadTemplateRequest(json) is not { } request)
            {
                return;
            }

            var template = CloudFormationTemplates.ServiceAccount(request);
            _ = TemplateWriter.Json(template);
            _ = TemplateWriter.Yaml(template);
        }
        catch (Exception e) when (e is JsonException or TemplateParameterException)
        {
        }
    }

    /// <summary>A template request as the API binds JSON: camelCase names, case-insensitive.</summary>
    public static TemplateRequest? ReadTemplateRequest(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize<TemplateRequest>(json, JsonSerializerOptions.Web);

    private static void ValidateBearer(string header)
    {
        if (AuthenticationSetup.PresentedBearer(header) is not { } value || SubscriptionTokenService.LooksLikeToken(value))
        {
            return;
        }

        // The handler the server's JWT bearer scheme uses; it reports failures in its result, so any exception is a bug.
        var result = new JsonWebTokenHandler().ValidateTokenAsync(value, Tokens.Value.ValidationParameters()).GetAwaiter().GetResult();
        if (result.IsValid)
        {
            throw new InvalidOperationException("an access token not signed with the server's key was accepted");
        }
    }

    /// <summary>A fresh signing key, as a new server makes one; its file is removed once read.</summary>
    private static AccessTokens CreateAccessTokens()
    {
        var folder = Directory.CreateTempSubdirectory("snapsight-fuzz-");
        try
        {
            return new AccessTokens(SigningKey.LoadOrCreate(Path.Combine(folder.FullName, "signing.key")), TimeProvider.System);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
