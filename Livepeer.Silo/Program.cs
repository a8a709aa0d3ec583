using Livepeer.Silo.Cli;
using Livepeer.Silo.Hosting;

// One command runs a whole node: gateway API, orchestrator, transcode workers, dashboard and ledger.
// "cli <command> ..." runs one operator command instead (funding, bonding, activation, show round/stake/fees/sender).
if (args is ["cli", .. var command])
    return await NodeCli.RunAsync(command, Console.Out, Console.Error);

await NodeHost.Build(args).RunAsync();
return 0;
