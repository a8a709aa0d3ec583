using Livepeer.Silo.Hosting;

// One command runs a whole embedded node: gateway API, orchestrator, transcode workers, dashboard and ledger.
await NodeHost.Build(args).RunAsync();
