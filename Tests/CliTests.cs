using OrleansQueue.Tests.Infrastructure;

namespace OrleansQueue.Tests;

/// <summary>The real <c>oq</c> process against a real silo process: output, errors and exit codes of every command.</summary>
public sealed class CliTests(SiloProcessFixture fixture) : IClassFixture<SiloProcessFixture>
{
    private Task<OqResult> Oq(params string[] arguments) => OqProcess.RunAsync(fixture.Silo, arguments);

    private static string UniqueName() => $"cli-{Guid.NewGuid():N}";

    private static void AssertExit(int expected, OqResult result)
    {
        Assert.True(result.ExitCode == expected, result.ToString());
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_makes_a_queue_and_says_so_when_it_exists_already()
    {
        var name = UniqueName();

        var created = await Oq("queue", "create", name);
        var again = await Oq("queue", "create", name);

        AssertExit(0, created);
        Assert.Contains($"Created queue '{name}'", created.Out, StringComparison.Ordinal);
        AssertExit(0, again);
        Assert.Contains("already exists", again.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Put_len_peek_and_get_move_items_through_a_partition() // C10, C13, C18, C20
    {
        var name = UniqueName();
        await Oq("queue", "create", name);

        AssertExit(0, await Oq("put", name, "first", "second", "third", "-p", "eu", "--ttl", "10m"));
        Assert.Equal(["3"], (await Oq("queue", "len", name, "-p", "eu")).Lines);
        Assert.Equal(["3"], (await Oq("queue", "len", name, "-t")).Lines);
        Assert.Equal(["first", "second"], (await Oq("queue", "peek", name, "2", "-p", "eu")).Lines);
        var got = await Oq("get", name, "2", "-p", "eu");

        AssertExit(0, got);
        Assert.Equal(["first", "second"], got.Lines);
        Assert.Equal(["1"], (await Oq("queue", "len", name, "-p", "eu")).Lines);
    }

    [Fact]
    public async Task Json_values_go_in_as_data_and_come_out_as_json() // C10
    {
        var name = UniqueName();
        await Oq("queue", "create", name);

        AssertExit(0, await Oq("put", name, "{\"id\": 7, \"tags\": [\"a\"]}", "42", "--json"));
        var got = await Oq("get", name, "2", "--json");

        AssertExit(0, got);
        var values = System.Text.Json.JsonDocument.Parse(got.Out).RootElement;
        Assert.Equal(7, values[0].GetProperty("id").GetInt32());
        Assert.Equal("a", values[0].GetProperty("tags")[0].GetString());
        Assert.Equal(42, values[1].GetInt32());
    }

    [Fact]
    public async Task Items_put_by_a_service_print_readably_or_as_type_and_size() // C10
    {
        var name = UniqueName();
        var queue = fixture.Queues.FromName(name, createIfMissing: true);
        await queue.PutManyAsync<object>([12.5, new List<int> { 1, 2, 3 }, new Dictionary<string, string> { ["k"] = "v" }, new Job(1, "x", [])]);

        var got = await Oq("get", name, "4");

        AssertExit(0, got);
        Assert.Equal("12.5", got.Lines[0]);
        Assert.Equal("[1,2,3]", got.Lines[1]);
        Assert.Equal("{\"k\":\"v\"}", got.Lines[2]);
        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(got.Lines[3], "^<.*Job.*, [0-9]+ bytes>$"), got.Error);
    }

    [Fact]
    public async Task Put_from_a_file_and_from_stdin_makes_one_item_per_line()
    {
        var name = UniqueName();
        var file = Path.GetTempFileName();
        await File.WriteAllLinesAsync(file, Enumerable.Range(0, 2_500).Select(i => $"line {i}"));
        await Oq("queue", "create", name);

        var fromFile = await Oq("put", name, "--from", file);
        var fromStdin = await OqProcess.RunAsync(fixture.Silo, ["put", name, "--from", "-"], "x\ny\n");
        var fromPipe = await OqProcess.RunAsync(fixture.Silo, ["put", name, "--from", "/dev/stdin"], "z\n");
        File.Delete(file);

        AssertExit(0, fromFile);
        Assert.Contains("Put 2500 item(s)", fromFile.Out, StringComparison.Ordinal);
        AssertExit(0, fromStdin);
        AssertExit(0, fromPipe);
        Assert.Equal(["2503"], (await Oq("queue", "len", name)).Lines);
        Assert.Equal(["line 0", "line 1"], (await Oq("get", name, "2")).Lines);
    }

    [Fact]
    public async Task A_put_to_a_full_partition_waits_up_to_its_timeout_then_says_full() // C4, C12
    {
        var name = UniqueName();
        var file = Path.GetTempFileName();
        await File.WriteAllLinesAsync(file, Enumerable.Range(0, QueueLimits.MaxPartitionItems).Select(i => $"{i}"));
        await Oq("queue", "create", name);
        AssertExit(0, await Oq("put", name, "--from", file));
        File.Delete(file);

        var full = await Oq("put", name, "one-more", "--timeout", "1s");

        AssertExit(1, full);
        Assert.Contains("is full", full.Error, StringComparison.Ordinal);
        Assert.Equal([$"{QueueLimits.MaxPartitionItems}"], (await Oq("queue", "len", name)).Lines);
    }

    [Fact]
    public async Task Getting_from_an_empty_queue_exits_3_at_once_or_after_the_timeout() // C13
    {
        var name = UniqueName();
        await Oq("queue", "create", name);

        AssertExit(3, await Oq("get", name, "--no-wait"));
        var timedOut = await Oq("get", name, "--timeout", "1s");
        AssertExit(3, timedOut);
        Assert.Contains("empty", timedOut.Error, StringComparison.Ordinal);
        AssertExit(3, await Oq("queue", "peek", name));
    }

    [Fact]
    public async Task A_missing_queue_exits_2_with_a_message_and_no_stack_trace() // C22
    {
        var name = UniqueName();

        foreach (var result in new[] { await Oq("get", name, "--no-wait"), await Oq("queue", "len", name), await Oq("put", name, "x") })
        {
            AssertExit(2, result);
            Assert.Contains($"No queue is named '{name}'", result.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Delete_refuses_without_a_terminal_unless_told_yes() // C23
    {
        var name = UniqueName();
        await Oq("queue", "create", name);

        var refused = await Oq("queue", "delete", name);
        AssertExit(1, refused);
        Assert.Contains("-y", refused.Error, StringComparison.Ordinal);
        AssertExit(0, await Oq("queue", "len", name));

        AssertExit(0, await Oq("queue", "delete", name, "-y"));
        AssertExit(2, await Oq("queue", "len", name));
        AssertExit(2, await Oq("queue", "delete", name, "-y"));
        AssertExit(0, await Oq("queue", "delete", name, "-y", "--allow-missing"));
    }

    [Fact]
    public async Task Clear_asks_like_delete_and_empties_one_partition_or_all() // C8, C19
    {
        var name = UniqueName();
        await Oq("queue", "create", name);
        await Oq("put", name, "a", "-p", "one");
        await Oq("put", name, "b", "-p", "two");

        AssertExit(1, await Oq("queue", "clear", name, "-p", "one"));
        AssertExit(1, await Oq("queue", "clear", name, "-p", "one", "-a", "-y"));
        Assert.Equal(["2"], (await Oq("queue", "len", name, "-t")).Lines);

        AssertExit(0, await Oq("queue", "clear", name, "-p", "one", "-y"));
        Assert.Equal(["1"], (await Oq("queue", "len", name, "-t")).Lines);
        AssertExit(0, await Oq("queue", "clear", name, "-a", "-y"));
        Assert.Equal(["0"], (await Oq("queue", "len", name, "-t")).Lines);
    }

    [Fact]
    public async Task List_prints_a_table_or_json_newest_first() // C24
    {
        var environment = UniqueName();
        await Oq("queue", "create", "older", "-e", environment);
        await Oq("queue", "create", "newer", "-e", environment);
        await Oq("put", "older", "x", "y", "-p", "p", "-e", environment);

        var table = await Oq("queue", "list", "-e", environment);
        var json = await Oq("queue", "list", "-e", environment, "--json");

        AssertExit(0, table);
        Assert.Contains("Total items", table.Out, StringComparison.Ordinal);
        Assert.True(table.Out.IndexOf("newer", StringComparison.Ordinal) < table.Out.IndexOf("older", StringComparison.Ordinal), table.Out);
        var listed = System.Text.Json.JsonDocument.Parse(json.Out).RootElement;
        Assert.Equal("newer", listed[0].GetProperty("name").GetString());
        Assert.Equal(1, listed[1].GetProperty("partitions").GetInt32());
        Assert.Equal(2, listed[1].GetProperty("totalItems").GetInt64());
    }

    [Theory]
    [InlineData("put|QUEUE")]
    [InlineData("put|QUEUE|x|--ttl|forever")]
    [InlineData("put|QUEUE|x|--ttl|0s")]
    [InlineData("put|QUEUE|x|-p|")]
    [InlineData("put|QUEUE|{not json|--json")]
    [InlineData("get|QUEUE|0")]
    [InlineData("queue|len|QUEUE|-p|k|-t")]
    [InlineData("queue|create|bad name")]
    [InlineData("queue|explode")]
    public async Task Bad_input_exits_1_with_a_message_and_changes_nothing(string command) // C1, C2, C6, C7, C8
    {
        // The arguments, separated by '|' so that one may hold a space or be empty.
        var arguments = command.Split('|');
        var name = UniqueName();
        await Oq("queue", "create", name);

        var result = await Oq([.. arguments.Select(a => a == "QUEUE" ? name : a)]);

        AssertExit(1, result);
        Assert.NotEmpty(result.Error);
        Assert.Equal(["0"], (await Oq("queue", "len", name, "-t")).Lines);
    }

    [Theory]
    [InlineData("queue", "create")]
    [InlineData("queue", "delete")]
    [InlineData("queue", "list")]
    [InlineData("queue", "clear")]
    [InlineData("queue", "peek")]
    [InlineData("queue", "len")]
    [InlineData("put", null)]
    [InlineData("get", null)]
    public async Task Every_command_explains_itself_with_an_example(string command, string? subcommand)
    {
        var help = await Oq([command, .. subcommand is null ? Array.Empty<string>() : [subcommand], "--help"]);

        AssertExit(0, help);
        Assert.Contains("Example", help.Out, StringComparison.Ordinal);
        Assert.Contains("--env", help.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_silo_oq_says_how_to_start_one()
    {
        var result = await OqProcess.RunAsync(null, ["queue", "list", "--gateway", $"127.0.0.1:{DevServices.Loopback.FreePort()}"]);

        AssertExit(1, result);
        Assert.Contains("No silo answers", result.Error, StringComparison.Ordinal);
    }
}
