using System.CommandLine;
using OrleansQueue.Benchmarks.Scenarios;

// Each scenario starts its own services (a Release silo process, Azurite) and drives load through the real client.
var seconds = new Option<int>("--seconds") { Description = "How long each measured run lasts.", DefaultValueFactory = _ => 10 };
var json = new Option<bool>("--json") { Description = "Print the results as JSON instead of a table." };

var durablePuts = new Command("durable-puts", "B4: durable puts/s on one partition with 1 and with 64 producers (Azurite).")
{
    seconds,
    json,
};
durablePuts.SetAction(result => DurablePuts.RunAsync(TimeSpan.FromSeconds(result.GetValue(seconds)), result.GetValue(json)));

var root = new RootCommand(
    "OrleansQueue benchmarks. Run in Release: dotnet run -c Release --project Benchmarks -- <scenario> [options]")
{
    durablePuts,
};
return await root.Parse(args).InvokeAsync();
