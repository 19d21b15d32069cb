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

var compareRedis = new Option<bool>("--compare-redis")
{
    Description = "Run the same workload against a local redis-server (started on a free port) in the same run.",
};
var putGet = new Command("put-get", "B1: put then get, 64 callers over 64 partitions, in-memory silo.") { seconds, compareRedis, json };
putGet.SetAction(result => PutGetPairs.RunAsync(TimeSpan.FromSeconds(result.GetValue(seconds)), result.GetValue(compareRedis), result.GetValue(json)));

var batches = new Command("batches", "B2: PutManyAsync/GetManyAsync of 100 items, 16 callers, in-memory silo.") { seconds, compareRedis, json };
batches.SetAction(result => Batches.RunAsync(TimeSpan.FromSeconds(result.GetValue(seconds)), result.GetValue(compareRedis), result.GetValue(json)));

var memory = new Command("memory", "B5: silo working set after storing 1,000,000 items of 100 bytes over 1,000 partitions.") { json };
memory.SetAction(result => Memory.RunAsync(result.GetValue(json)));

var rounds = new Option<int>("--rounds") { Description = "How many wake-ups to measure.", DefaultValueFactory = _ => 2_000 };
var wakeUp = new Command("wake-up", "B3: latency from a put to the return of a get waiting on another client.") { rounds, compareRedis, json };
wakeUp.SetAction(result => WakeUp.RunAsync(result.GetValue(rounds), result.GetValue(compareRedis), result.GetValue(json)));

var partitionCount = new Option<int>("--partitions") { Description = "How many live partitions to make.", DefaultValueFactory = _ => 100_000 };
var manyPartitions = new Command("partitions", "B6: LenAsync(total) and ClearAsync(all) over 100,000 live partitions, in-memory silo.")
{
    partitionCount,
    json,
};
manyPartitions.SetAction(result => ManyPartitions.RunAsync(result.GetValue(partitionCount), result.GetValue(json)));

var root = new RootCommand(
    "OrleansQueue benchmarks. Run in Release: dotnet run -c Release --project Benchmarks -- <scenario> [options]")
{
    putGet,
    batches,
    wakeUp,
    durablePuts,
    memory,
    manyPartitions,
};
return await root.Parse(args).InvokeAsync();
