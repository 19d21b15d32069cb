using System.CommandLine;
using OrleansQueue.Chaos;

// A Jepsen-style run: a real cluster of silo processes on Azurite, silos killed and restarted under load, the history checked.
var seconds = new Option<int>("--seconds") { Description = "How long the workload runs under faults.", DefaultValueFactory = _ => 60 };
var killEvery = new Option<int>("--kill-every") { Description = "Seconds between silo kills.", DefaultValueFactory = _ => 12 };
var downtime = new Option<int>("--downtime") { Description = "Seconds a killed silo stays down.", DefaultValueFactory = _ => 2 };
var silos = new Option<int>("--silos") { Description = "Silo processes in the cluster.", DefaultValueFactory = _ => 3 };
var producers = new Option<int>("--producers") { Description = "Concurrent producers.", DefaultValueFactory = _ => 4 };
var consumers = new Option<int>("--consumers") { Description = "Concurrent consumers.", DefaultValueFactory = _ => 4 };
var partitions = new Option<int>("--partitions") { Description = "Partitions the values are spread over.", DefaultValueFactory = _ => 4 };
var json = new Option<bool>("--json") { Description = "Print the summary as JSON." };

var root = new RootCommand(
    "Chaos run: starts Azurite and a cluster of silo processes (Azure clustering, durable storage), runs producers and " +
    "consumers while it SIGKILLs and restarts random silos, then drains every partition and checks the history: nothing " +
    "acknowledged lost, nothing returned twice, each producer's values in order within a partition. Exits 0 if the " +
    "history holds, 1 if it does not, 2 if the run could not be made.\n" +
    "Run in Release: dotnet run -c Release --project Chaos -- [options]")
{
    seconds, killEvery, downtime, silos, producers, consumers, partitions, json,
};
root.SetAction(async (result, _) =>
{
    var options = new ChaosOptions(
        TimeSpan.FromSeconds(result.GetValue(seconds)),
        TimeSpan.FromSeconds(result.GetValue(killEvery)),
        TimeSpan.FromSeconds(result.GetValue(downtime)),
        result.GetValue(silos),
        result.GetValue(producers),
        result.GetValue(consumers),
        result.GetValue(partitions));
    if (options.Silos < 2 || options.Producers < 1 || options.Consumers < 1 || options.Partitions < 1 || options.KillEvery <= options.Downtime)
    {
        await Console.Error.WriteLineAsync("Use at least 2 silos, 1 producer, 1 consumer and 1 partition, and kill less often than the downtime lasts.");
        return 2;
    }

    try
    {
        return await new ChaosRun(options).RunAsync(result.GetValue(json));
    }
    catch (Exception e)
    {
        await Console.Error.WriteLineAsync($"The chaos run could not be made: {e}");
        return 2;
    }
});
return await root.Parse(args).InvokeAsync();
