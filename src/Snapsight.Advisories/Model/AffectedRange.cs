namespace Snapsight.Advisories.Model;

/// <summary>
/// One stretch of affected versions of one package in one scope: the installed version is
/// affected when it is at or above <see cref="Introduced"/> (null: from the first version) and
/// below <see cref="Fixed"/> or at most <see cref="LastAffected"/> (both null: every later
/// version). One exact affected version is Introduced = LastAffected. Versions are in the
/// scope's own scheme (dpkg for Debian, rpm EVR for rpm families…).
/// <para><see cref="Package"/> is the name the feed keys by: the source package for Debian and
/// Ubuntu, the origin for Alpine, the binary rpm name for rpm families, the ecosystem's name for
/// language packages. <see cref="Module"/> is a RHEL module stream ("nodejs:18") when the fix
/// ships in one. <see cref="Status"/> is <see cref="AffectedStatus.Fixed"/> exactly when
/// <see cref="Fixed"/> is set; otherwise it says why there is no fix.</para>
/// </summary>
public sealed record AffectedRange
{
    public required AdvisoryScope Scope { get; init; }

    public required string Package { get; init; }

    public string? Module { get; init; }

    public string? Introduced { get; init; }

    public string? Fixed { get; init; }

    public string? LastAffected { get; init; }

    public required AffectedStatus Status { get; init; }

    /// <summary>A rating for this package alone where the feed gives one (Debian's urgency per release); overrides the record's.</summary>
    public Severity Severity { get; init; }
}
