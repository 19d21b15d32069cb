using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Spectre.Console;

namespace OrleansQueue.Cli.Commands;

/// <summary><c>oq put</c> and <c>oq get</c>: add items to a queue and take them out.</summary>
internal static class ItemCommands
{
    // Items per call when putting a file: well inside the partition limit, large enough to keep the network busy.
    private const int Batch = 1_000;

    // Files larger than this show a progress bar.
    private const long LargeFileBytes = 1024 * 1024;

    private static readonly Argument<string> Name = new("name") { Description = "The queue's name." };

    private static Option<string?> Partition() => new("--partition", "-p") { Description = "A partition key; the default partition if not given." };

    public static Command Put()
    {
        var values = new Argument<string[]>("values") { Description = "The items, one per value.", Arity = ArgumentArity.ZeroOrMore };
        var from = new Option<string?>("--from") { Description = "Read the items from a file, one per line; - reads stdin." };
        var partition = Partition();
        var ttl = new Option<string?>("--ttl") { Description = "The partition's time-to-live after this put: 1s to 24h (default 24h)." };
        var json = new Option<bool>("--json") { Description = "Read each value as JSON (numbers, lists, objects…) instead of as a string." };
        var timeout = new Option<string?>("--timeout")
        {
            Description = "How long to wait for room in a full partition (5,000 items), e.g. 30s (default: forever).",
        };
        var command = new Command(
            "put",
            "Add items at the tail of a partition: each value, or each line of a file, is one item.\n" +
            "Examples: oq put jobs resize-42 crop-7 -p eu     oq put jobs --from items.txt     oq put jobs '{\"id\": 1}' --json")
        {
            Name, values, from, partition, ttl, json, timeout,
        };
        command.SetSessionAction(async (session, cancellationToken) =>
        {
            var input = session.Input;
            var (file, typed) = (input.GetValue(from), input.GetValue(values) ?? []);
            if (file is null == (typed.Length == 0))
            {
                throw new UserErrorException("Give the values, or --from FILE, but not both.");
            }

            var key = input.GetValue(partition);
            QueueArguments.CheckPartition(key);
            var partitionTtl = input.GetValue(ttl) is { } text ? Durations.Parse(text) : (TimeSpan?)null;
            var asJson = input.GetValue(json);
            var wait = input.GetValue(timeout) is { } limit ? Durations.Parse(limit) : (TimeSpan?)null;
            var queue = (await session.ConnectAsync(cancellationToken)).FromName(input.GetValue(Name)!, environment: session.Environment);
            var lines = file is null ? typed : ReadLines(file);
            var put = await PutAllAsync(queue, lines, asJson, new PutTarget(key, partitionTtl, wait), SizeOf(file), cancellationToken);
            Console.WriteLine($"Put {put} item(s) into queue '{input.GetValue(Name)}'{(key is null ? "" : $", partition '{key}'")}.");
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Get()
    {
        var count = new Argument<int>("n") { Description = "The most items to take (1 to 5,000).", DefaultValueFactory = _ => 1 };
        var partition = Partition();
        var timeout = new Option<string?>("--timeout") { Description = "How long to wait for an item, e.g. 30s (default: forever)." };
        var noWait = new Option<bool>("--no-wait") { Description = "Do not wait: take what is there now." };
        var json = new Option<bool>("--json") { Description = "Print the items as a JSON array." };
        var command = new Command(
            "get",
            "Remove and print up to N items from the head of a partition, waiting for the first one.\n" +
            "Examples: oq get jobs     oq get jobs 100 -p eu --timeout 30s     oq get jobs 10 --no-wait --json")
        {
            Name, count, partition, timeout, noWait, json,
        };
        command.SetSessionAction(async (session, cancellationToken) =>
        {
            var input = session.Input;
            var n = input.GetValue(count);
            QueueArguments.CheckBatchSize(n, QueueLimits.MaxPartitionItems, "n");
            var wait = input.GetValue(timeout) is { } text ? Durations.Parse(text) : (TimeSpan?)null;
            var block = !input.GetValue(noWait);
            var queue = (await session.ConnectAsync(cancellationToken)).FromName(input.GetValue(Name)!, environment: session.Environment);
            var items = await queue.GetManyAsync<ItemView>(n, input.GetValue(partition), block, wait, cancellationToken);
            if (items.Count == 0)
            {
                throw new UserErrorException($"Queue '{input.GetValue(Name)}' has no item there now.", ExitCodes.Empty);
            }

            Output.Items(items, input.GetValue(json));
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task<long> PutAllAsync(
        DistributedQueue queue, IEnumerable<string> lines, bool json, PutTarget target, long bytes, CancellationToken cancellationToken)
    {
        long count = 0;
        long read = 0;
        async Task PutBatchesAsync(Action? progress)
        {
            foreach (var batch in lines.Chunk(Batch))
            {
                await queue.PutManyAsync(
                    batch.Select(line => json ? ParseJson(line) : line), target.Partition, target.Ttl, timeout: target.Timeout, cancellationToken: cancellationToken);
                count += batch.Length;
                read += batch.Sum(line => line.Length + 1L);
                progress?.Invoke();
            }
        }

        if (bytes < LargeFileBytes || Console.IsErrorRedirected)
        {
            await PutBatchesAsync(null);
            return count;
        }

        var clock = Stopwatch.StartNew();
        await Output.Terminal.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("putting", maxValue: bytes);
                await PutBatchesAsync(() =>
                {
                    task.Value = Math.Min(read, bytes);
                    task.Description = $"{count:N0} items, {count / Math.Max(clock.Elapsed.TotalSeconds, 0.001):N0} items/s";
                });
            });
        return count;
    }

    /// <summary>The size of the file to read, for the progress bar; a pipe or stdin has none worth showing.</summary>
    private static long SizeOf(string? file) => file is null or "-" || !File.Exists(file) ? 0 : new FileInfo(file).Length;

    private static IEnumerable<string> ReadLines(string file)
    {
        if (file != "-")
        {
            return File.Exists(file) ? File.ReadLines(file) : throw new UserErrorException($"There is no file '{file}'.");
        }

        return ReadStandardInput();

        static IEnumerable<string> ReadStandardInput()
        {
            while (Console.In.ReadLine() is { } line)
            {
                yield return line;
            }
        }
    }

    /// <summary>A JSON value as plain .NET data that any client can read back: numbers, strings, lists, dictionaries.</summary>
    private static object? ParseJson(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return Plain(document.RootElement);
        }
        catch (JsonException e)
        {
            throw new UserErrorException($"'{text}' is not JSON: {e.Message}");
        }

        static object? Plain(JsonElement element) => element.ValueKind switch
        {
            JsonValueKind.String => element.GetString(),
            JsonValueKind.Number => element.TryGetInt64(out var whole) ? whole : element.GetDouble(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Array => element.EnumerateArray().Select(Plain).ToList(),
            JsonValueKind.Object => element.EnumerateObject().ToDictionary(property => property.Name, property => Plain(property.Value)),
            _ => null,
        };
    }

    /// <summary>Where and how the items of one <c>oq put</c> go.</summary>
    private sealed record PutTarget(string? Partition, TimeSpan? Ttl, TimeSpan? Timeout);
}
