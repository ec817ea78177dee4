using Snapsight.Disk;
using Snapsight.Fuzz;
using SharpFuzz;

// Usage:
//   snapsight-fuzz TARGET                 run under libFuzzer (libfuzzer-dotnet) after `sharpfuzz` instrumentation
//   snapsight-fuzz TARGET --afl           run under AFL (afl-fuzz … -- dotnet snapsight-fuzz.dll TARGET --afl)
//   snapsight-fuzz TARGET --replay FILE…  run saved inputs once each and report which ones escape as bugs
if (args.Length == 0 || FuzzTargets.Find(args[0]) is not { } target)
{
    Console.Error.WriteLine($"usage: snapsight-fuzz TARGET [--afl | --replay FILE…]; targets: {string.Join(", ", FuzzTargets.All.Select(t => t.Name))}");
    return 2;
}

if (args.Length > 1 && args[1] == "--replay")
{
    var bugs = 0;
    foreach (var file in args.Skip(2))
    {
        try
        {
            target.Run(File.ReadAllBytes(file));
        }
        catch (DiskFormatException)
        {
            // the expected answer to bad input
        }
        catch (Exception e)
        {
            bugs++;
            Console.Error.WriteLine($"{file}: {e.GetType().Name}: {e.Message}");
        }
    }

    return bugs == 0 ? 0 : 1;
}

if (args.Length > 1 && args[1] == "--afl")
{
    Fuzzer.OutOfProcess.Run(stream =>
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        RunExpectingOnlyFormatErrors(target, buffer.ToArray());
    });
    return 0;
}

Fuzzer.LibFuzzer.Run(span => RunExpectingOnlyFormatErrors(target, span));
return 0;

static void RunExpectingOnlyFormatErrors(IFuzzTarget target, ReadOnlySpan<byte> input)
{
    try
    {
        target.Run(input);
    }
    catch (DiskFormatException)
    {
    }
}
