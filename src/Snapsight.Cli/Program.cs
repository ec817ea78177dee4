using Snapsight.Cli;

return await SnapsightCommand.RunAsync(args).ConfigureAwait(false);
