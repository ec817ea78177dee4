using Snapsight.Server.Hosting;

return await ServerCommandLine.RunAsync(args).ConfigureAwait(false);
