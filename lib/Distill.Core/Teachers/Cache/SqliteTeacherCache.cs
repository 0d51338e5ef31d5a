using System.Globalization;
using System.Text;
using System.Text.Json;
using Distill.IO;
using Microsoft.Data.Sqlite;

namespace Distill.Teachers.Cache;

/// <summary>
/// The teacher cache in one SQLite file (WAL journal): one row per call, committed as each answer arrives,
/// so a crash or Ctrl+C loses nothing already answered and the next run resumes where this one stopped.
/// Rows are never updated; a retried failure adds a row and lookups prefer the newest success.
/// One connection is shared and serialised with a semaphore (SQLite connections are not thread-safe).
/// <para>
/// Runners that share the file (two <c>distill label</c> at once) coordinate through lease rows
/// (<c>teacher_leases</c>: key, owner, expiry): a runner claims a key before calling its teacher, and another runner
/// that finds the key claimed waits for the answer instead of paying for it again (see <see cref="CachedTeacher"/>).
/// A lease expires, so a runner that was killed holds nothing for long. Leases rather than one writer lock, because
/// two runs over different documents should both make progress.
/// </para>
/// </summary>
public sealed class SqliteTeacherCache : ITeacherCache, IAsyncDisposable, IDisposable
{
    const int SchemaVersion = 1;

    const string Columns =
        "call_id, cache_key, teacher, kind, model, prompt_template_hash, parameters_json, document_id, document_hash, " +
        "entity_type, raw_response, spans_json, mentions_not_found, input_tokens, output_tokens, latency_ms, cost_usd, created_utc, error";

    readonly SqliteConnection connection;
    readonly SemaphoreSlim gate = new(1, 1);
    /// <summary>Who holds this instance's leases: one id per open cache.</summary>
    readonly string owner = Guid.NewGuid().ToString("N");

    SqliteTeacherCache(string path, SqliteConnection connection)
    {
        Path = path;
        this.connection = connection;
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>Opens (creating if needed) the cache at <paramref name="path"/>.</summary>
    public static SqliteTeacherCache Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        // Pooling off: the file is released on Dispose, so tests and users can move or delete it at once.
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = full, Pooling = false }.ToString());
        connection.Open();
        try
        {
            Execute(connection, "PRAGMA journal_mode=WAL;");
            // NORMAL is durable in WAL mode against a process crash (only an OS crash can lose the last commits).
            Execute(connection, "PRAGMA synchronous=NORMAL;");
            Execute(connection, "PRAGMA busy_timeout=5000;");
            var version = Convert.ToInt32(Scalar(connection, "PRAGMA user_version;"), CultureInfo.InvariantCulture);
            if (version > SchemaVersion)
                throw new InvalidDataException($"Teacher cache '{full}' has schema version {version}; this build reads up to {SchemaVersion}.");
            Execute(connection, """
                CREATE TABLE IF NOT EXISTS teacher_calls (
                    call_id TEXT PRIMARY KEY,
                    cache_key TEXT NOT NULL,
                    teacher TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    model TEXT NOT NULL,
                    prompt_template_hash TEXT NOT NULL,
                    parameters_json TEXT NOT NULL,
                    document_id TEXT NOT NULL,
                    document_hash TEXT NOT NULL,
                    entity_type TEXT NOT NULL,
                    raw_response TEXT,
                    spans_json TEXT NOT NULL,
                    mentions_not_found INTEGER NOT NULL,
                    input_tokens INTEGER NOT NULL,
                    output_tokens INTEGER NOT NULL,
                    latency_ms REAL NOT NULL,
                    cost_usd TEXT NOT NULL,
                    created_utc TEXT NOT NULL,
                    error TEXT);
                CREATE INDEX IF NOT EXISTS teacher_calls_by_key ON teacher_calls (cache_key, created_utc);
                CREATE TABLE IF NOT EXISTS teacher_leases (
                    cache_key TEXT PRIMARY KEY,
                    owner TEXT NOT NULL,
                    expires_unix_ms INTEGER NOT NULL);
                """);
            Execute(connection, $"PRAGMA user_version = {SchemaVersion};");
        }
        catch
        {
            connection.Dispose();
            throw;
        }
        return new SqliteTeacherCache(full, connection);
    }

    public async Task<CacheRecord?> LookupAsync(string cacheKey, CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var command = connection.CreateCommand();
            command.CommandText =
                $"SELECT {Columns} FROM teacher_calls WHERE cache_key = $key ORDER BY (error IS NULL) DESC, created_utc DESC LIMIT 1;";
            command.Parameters.AddWithValue("$key", cacheKey);
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task RecordAsync(CacheRecord record, CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Autocommit: the row is durable when ExecuteNonQuery returns.
            Insert(record, ignoreExisting: false);
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task<bool> TryClaimAsync(string cacheKey, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            using var command = connection.CreateCommand();
            // One statement, so the check and the claim are atomic across processes (SQLite serialises writers).
            command.CommandText = """
                INSERT INTO teacher_leases (cache_key, owner, expires_unix_ms) VALUES ($key, $owner, $expires)
                ON CONFLICT (cache_key) DO UPDATE SET owner = excluded.owner, expires_unix_ms = excluded.expires_unix_ms
                WHERE teacher_leases.owner = excluded.owner OR teacher_leases.expires_unix_ms <= $now;
                """;
            command.Parameters.AddWithValue("$key", cacheKey);
            command.Parameters.AddWithValue("$owner", owner);
            command.Parameters.AddWithValue("$expires", now + (long)lease.TotalMilliseconds);
            command.Parameters.AddWithValue("$now", now);
            return command.ExecuteNonQuery() == 1;
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task ReleaseAsync(string cacheKey, CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM teacher_leases WHERE cache_key = $key AND owner = $owner;";
            command.Parameters.AddWithValue("$key", cacheKey);
            command.Parameters.AddWithValue("$owner", owner);
            command.ExecuteNonQuery();
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Number of stored calls (all rows, failed ones included).</summary>
    public async Task<long> CountAsync(CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return (long)Scalar(connection, "SELECT COUNT(*) FROM teacher_calls;")!;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Every stored call, oldest first.</summary>
    public async Task<IReadOnlyList<CacheRecord>> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {Columns} FROM teacher_calls ORDER BY created_utc, call_id;";
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var records = new List<CacheRecord>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                records.Add(Read(reader));
            return records;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Writes every call as one JSON object per line (temp file, then rename). Returns the number written.</summary>
    public async Task<int> ExportJsonlAsync(string path, CancellationToken cancellationToken = default)
    {
        var records = await ReadAllAsync(cancellationToken).ConfigureAwait(false);
        await AtomicFile.WriteTextAsync(path, async writer =>
        {
            // Redacted again on the way out: rows written by builds before redaction existed may hold key fragments.
            foreach (var record in records.Select(r => r with { RawResponse = SecretRedaction.RedactOrNull(r.RawResponse), Error = SecretRedaction.RedactOrNull(r.Error) }))
                await writer.WriteLineAsync(JsonSerializer.Serialize(record, CacheRecord.Json).AsMemory(), cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return records.Count;
    }

    /// <summary>
    /// Adds the calls of a JSONL export; calls already present (same call id) are skipped. All or nothing: a bad
    /// line names the file and line and nothing is imported. Each record's <c>cache_key</c> is recomputed from its
    /// inputs (teacher, model, prompt template hash, parameters, document hash, entity type) and must match (issue 15:
    /// an edited export was replayed as if the teacher had said it); its spans must be well-formed.
    /// </summary>
    public async Task<(int Imported, int Skipped)> ImportJsonlAsync(string path, CancellationToken cancellationToken = default)
    {
        var records = new List<CacheRecord>();
        var lineNumber = 0;
        foreach (var line in await File.ReadAllLinesAsync(path, cancellationToken).ConfigureAwait(false))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            try
            {
                var record = JsonSerializer.Deserialize<CacheRecord>(line, CacheRecord.Json)
                    ?? throw new InvalidDataException("the line is JSON null");
                if (record.ComputeKey() is var key && key != record.CacheKey)
                    throw new InvalidDataException(
                        $"cache_key {Short(record.CacheKey)} does not match the record's inputs (they give {Short(key)}): the line was edited, " +
                        "or written by a build whose keys differ; nothing was imported");
                if (record.Spans is null) throw new InvalidDataException("'spans' must be a list (empty for a failed call)");
                foreach (var span in record.Spans)
                    if (span is null || span.Start < 0 || span.End <= span.Start || string.IsNullOrEmpty(span.Type) || span.Text is null || span.Text.Length != span.End - span.Start)
                        throw new InvalidDataException($"span {JsonSerializer.Serialize(span, CacheRecord.Json)} is not a [start, end) span with its type and text");
                records.Add(record);
            }
            catch (Exception e) when (e is JsonException or InvalidDataException or NotSupportedException)
            {
                throw new InvalidDataException($"{path}:{lineNumber}: not a teacher-cache record ({e.Message}).", e);
            }
        }
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var transaction = connection.BeginTransaction();
            var imported = 0;
            foreach (var record in records)
                imported += Insert(record, ignoreExisting: true, transaction);
            transaction.Commit();
            return (imported, records.Count - imported);
        }
        finally
        {
            gate.Release();
        }
    }

    static string Short(string? key) => key is null ? "(none)" : key.Length > 12 ? key[..12] + "..." : key;

    int Insert(CacheRecord r, bool ignoreExisting, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText =
            $"INSERT {(ignoreExisting ? "OR IGNORE " : "")}INTO teacher_calls ({Columns}) VALUES " +
            "($call_id, $cache_key, $teacher, $kind, $model, $prompt, $parameters, $document_id, $document_hash, $entity_type, " +
            "$raw, $spans, $not_found, $input_tokens, $output_tokens, $latency_ms, $cost, $created, $error);";
        var p = command.Parameters;
        p.AddWithValue("$call_id", r.CallId);
        p.AddWithValue("$cache_key", r.CacheKey);
        p.AddWithValue("$teacher", r.Teacher);
        p.AddWithValue("$kind", r.Kind.ToString());
        p.AddWithValue("$model", r.Model);
        p.AddWithValue("$prompt", r.PromptTemplateHash);
        p.AddWithValue("$parameters", r.ParametersJson);
        p.AddWithValue("$document_id", r.DocumentId);
        p.AddWithValue("$document_hash", r.DocumentHash);
        p.AddWithValue("$entity_type", r.EntityType);
        p.AddWithValue("$raw", (object?)r.RawResponse ?? DBNull.Value);
        p.AddWithValue("$spans", JsonSerializer.Serialize(r.Spans, CacheRecord.Json));
        p.AddWithValue("$not_found", r.MentionsNotFound);
        p.AddWithValue("$input_tokens", r.InputTokens);
        p.AddWithValue("$output_tokens", r.OutputTokens);
        p.AddWithValue("$latency_ms", r.LatencyMs);
        // Decimal as invariant text: exact, and readable with the sqlite3 shell.
        p.AddWithValue("$cost", r.CostUsd.ToString(CultureInfo.InvariantCulture));
        // Round-trip format sorts as text in time order (all UTC).
        p.AddWithValue("$created", r.CreatedUtc.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
        p.AddWithValue("$error", (object?)r.Error ?? DBNull.Value);
        return command.ExecuteNonQuery();
    }

    static CacheRecord Read(SqliteDataReader r) => new()
    {
        CallId = r.GetString(0),
        CacheKey = r.GetString(1),
        Teacher = r.GetString(2),
        Kind = Enum.Parse<TeacherKind>(r.GetString(3)),
        Model = r.GetString(4),
        PromptTemplateHash = r.GetString(5),
        ParametersJson = r.GetString(6),
        DocumentId = r.GetString(7),
        DocumentHash = r.GetString(8),
        EntityType = r.GetString(9),
        RawResponse = r.IsDBNull(10) ? null : r.GetString(10),
        Spans = JsonSerializer.Deserialize<CachedSpan[]>(r.GetString(11), CacheRecord.Json) ?? [],
        MentionsNotFound = r.GetInt32(12),
        InputTokens = r.GetInt32(13),
        OutputTokens = r.GetInt32(14),
        LatencyMs = r.GetDouble(15),
        CostUsd = decimal.Parse(r.GetString(16), CultureInfo.InvariantCulture),
        CreatedUtc = DateTimeOffset.Parse(r.GetString(17), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
        Error = r.IsDBNull(18) ? null : r.GetString(18),
    };

    static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public void Dispose()
    {
        connection.Dispose();
        gate.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
