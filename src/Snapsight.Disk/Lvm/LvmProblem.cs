namespace Snapsight.Disk.Lvm;

/// <summary>
/// Something on the candidate devices that <see cref="LvmReader.ScanAsync"/> could not turn
/// into logical volumes: a corrupt PV or metadata copy, two devices claiming one PV UUID, a PV
/// whose volume group is described elsewhere. Problems of a nameable LV go to
/// <see cref="LogicalVolume.Problem"/> instead.
/// </summary>
/// <param name="Where">"device N" (the index into the candidates), with the PV UUID when it was read: "device 1 (PV …)".</param>
/// <param name="Layer">As in <see cref="DiskFormatException.Layer"/>.</param>
/// <param name="Structure">As in <see cref="DiskFormatException.Structure"/>.</param>
/// <param name="Offset">The byte offset on that device, as in <see cref="DiskFormatException.Offset"/>.</param>
/// <param name="Problem">What is wrong, naming the values.</param>
public sealed record LvmProblem(string Where, string Layer, string Structure, long Offset, string Problem)
{
    public string Message => $"{Where}: {Layer}: bad {Structure} at offset {Offset}: {Problem}";

    internal static LvmProblem From(string where, DiskFormatException e) => new(where, e.Layer, e.Structure, e.Offset, e.Problem);

    public override string ToString() => Message;
}
