using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace Distill.Students.Checkpoints;

/// <summary>
/// Interprets the subset of Python's pickle format (protocols 2-4) that <c>torch.save(state_dict)</c>
/// writes, building plain C# values instead of calling anything. The only callables it knows are
/// <c>collections.OrderedDict</c> and <c>torch._utils._rebuild_tensor_v2</c>, and the only other
/// globals it accepts are <c>torch.*Storage</c> types; any other global is refused with an error that
/// names it. Unlike Python's pickle this can never execute code from the file.
/// </summary>
internal sealed class RestrictedUnpickler
{
    /// <summary>A reference to a storage in the zip archive: data/&lt;Key&gt;, of a torch storage type.</summary>
    public sealed record StorageRef(string StorageType, string Key, long ElementCount);

    /// <summary>What <c>_rebuild_tensor_v2</c> would build: a strided view of a storage.</summary>
    public sealed record TensorRef(StorageRef Storage, long Offset, long[] Size, long[] Stride);

    /// <summary>A global the file names (module and attribute).</summary>
    sealed record Global(string Module, string Name)
    {
        public override string ToString() => $"{Module}.{Name}";
    }

    /// <summary>An insertion-ordered dictionary, like Python's dict/OrderedDict.</summary>
    public sealed class PickleDict
    {
        public List<KeyValuePair<object?, object?>> Items { get; } = [];
    }

    sealed class Mark;

    static readonly HashSet<string> StorageTypes =
    [
        "FloatStorage", "HalfStorage", "BFloat16Storage", "DoubleStorage",
        "LongStorage", "IntStorage", "ShortStorage", "CharStorage", "ByteStorage", "BoolStorage",
    ];

    const string Allowed = "collections.OrderedDict, torch._utils._rebuild_tensor_v2 and torch.*Storage";

    readonly byte[] data;
    readonly string source;
    int position;
    readonly List<object?> stack = [];
    readonly Dictionary<int, object?> memo = [];

    RestrictedUnpickler(byte[] data, string source)
    {
        this.data = data;
        this.source = source;
    }

    /// <summary>Runs the pickle program and returns its result.</summary>
    public static object? Load(byte[] data, string source) => new RestrictedUnpickler(data, source).Run();

    /// <summary>
    /// Runs the pickle that starts at <paramref name="start"/> (the legacy torch.save format writes
    /// several pickles one after another) and returns its result and the offset just past its STOP.
    /// </summary>
    public static (object? Value, int End) LoadAt(byte[] data, int start, string source)
    {
        var unpickler = new RestrictedUnpickler(data, source) { position = start };
        var value = unpickler.Run();
        return (value, unpickler.position);
    }

    // Messages quote names from the file (a GLOBAL's module), which may hold any byte: escaped to stay on one line.
    InvalidDataException Error(string message) => new($"{source}: {IO.MessageText.OneLine(message)} (at byte {position} of the pickle)");

    object? Run()
    {
        while (true)
        {
            if (position >= data.Length) throw Error("the pickle ends without a STOP opcode");
            var op = NextByte();
            switch (op)
            {
                case 0x80: NextByte(); break;                          // PROTO n
                case 0x95: Take(8); break;                             // FRAME (protocol 4 framing hint)
                case (byte)'.': return Pop();                          // STOP
                case (byte)'}': Push(new PickleDict()); break;         // EMPTY_DICT
                case (byte)']': Push(new List<object?>()); break;      // EMPTY_LIST
                case (byte)')': Push(Array.Empty<object?>()); break;   // EMPTY_TUPLE
                case (byte)'(': Push(new Mark()); break;               // MARK
                case (byte)'N': Push(null); break;                     // NONE
                case 0x88: Push(true); break;                          // NEWTRUE
                case 0x89: Push(false); break;                         // NEWFALSE
                case (byte)'K': Push((long)NextByte()); break;   // BININT1
                case (byte)'M': Push((long)BinaryPrimitives.ReadUInt16LittleEndian(Take(2))); break; // BININT2
                case (byte)'J': Push((long)BinaryPrimitives.ReadInt32LittleEndian(Take(4))); break;  // BININT
                case 0x8a:                                             // LONG1
                {
                    var n = NextByte();
                    var big = new BigInteger(Take(n), isUnsigned: false, isBigEndian: false);
                    // Only the legacy format's magic number is wider than 64 bits; it stays a BigInteger.
                    // (object) first: without it the conditional's type is BigInteger and every value stayed one.
                    Push(big >= long.MinValue && big <= long.MaxValue ? (object)(long)big : big);
                    break;
                }
                case (byte)'G': Push(BinaryPrimitives.ReadDoubleBigEndian(Take(8))); break; // BINFLOAT
                case (byte)'X': Push(Utf8(BinaryPrimitives.ReadInt32LittleEndian(Take(4)))); break; // BINUNICODE
                case 0x8c: Push(Utf8(NextByte())); break;        // SHORT_BINUNICODE
                case 0x8d:                                             // BINUNICODE8
                {
                    var length = BinaryPrimitives.ReadInt64LittleEndian(Take(8));
                    if (length < 0 || length > data.Length - position) throw Error($"a string of {length} bytes runs past the end of the pickle");
                    Push(Utf8((int)length));
                    break;
                }
                case (byte)'q': memo[NextByte()] = Peek(); break;                                     // BINPUT
                case (byte)'r': memo[BinaryPrimitives.ReadInt32LittleEndian(Take(4))] = Peek(); break;      // LONG_BINPUT
                case 0x94: memo[memo.Count] = Peek(); break;                                               // MEMOIZE
                case (byte)'h': Push(Memo(NextByte())); break;                                        // BINGET
                case (byte)'j': Push(Memo(BinaryPrimitives.ReadInt32LittleEndian(Take(4)))); break;         // LONG_BINGET
                case (byte)'t': Push(PopToMark().ToArray()); break;                                         // TUPLE
                case 0x85: Push(new[] { Pop() }); break;                                                    // TUPLE1
                case 0x86: { var b = Pop(); var a = Pop(); Push(new[] { a, b }); break; }                   // TUPLE2
                case 0x87: { var c = Pop(); var b = Pop(); var a = Pop(); Push(new[] { a, b, c }); break; } // TUPLE3
                case (byte)'c': Push(CheckGlobal(ReadLine(), ReadLine())); break;                           // GLOBAL
                case 0x93:                                                                                  // STACK_GLOBAL
                {
                    var name = Pop() as string;
                    var module = Pop() as string;
                    if (name is null || module is null) throw Error("STACK_GLOBAL without two strings");
                    Push(CheckGlobal(module, name));
                    break;
                }
                case (byte)'Q': Push(PersistentLoad(Pop())); break;    // BINPERSID
                case (byte)'R':                                        // REDUCE
                {
                    var args = Pop() as object?[] ?? throw Error("REDUCE without an argument tuple");
                    Push(Call(Pop(), args));
                    break;
                }
                case (byte)'b':                                        // BUILD
                {
                    var state = Pop();
                    // torch.save's state dict is an OrderedDict carrying a `_metadata` attribute (module
                    // versions); it is set through BUILD and means nothing for the weights, so it is dropped.
                    if (Peek() is not PickleDict) throw Error($"BUILD on a {Describe(Peek())}, which a state dict never needs");
                    _ = state;
                    break;
                }
                case (byte)'s':                                        // SETITEM
                {
                    var value = Pop();
                    var key = Pop();
                    AsDict(Peek()).Items.Add(new(key, value));
                    break;
                }
                case (byte)'u':                                        // SETITEMS
                {
                    var items = PopToMark();
                    var dict = AsDict(Peek());
                    for (var i = 0; i + 1 < items.Count; i += 2) dict.Items.Add(new(items[i], items[i + 1]));
                    break;
                }
                case (byte)'a': { var v = Pop(); AsList(Peek()).Add(v); break; }       // APPEND
                case (byte)'e': { var vs = PopToMark(); AsList(Peek()).AddRange(vs); break; } // APPENDS
                default:
                    throw Error($"opcode 0x{op:x2}{(op is >= 0x20 and < 0x7f ? $" ('{(char)op}')" : "")} is outside the subset a state dict needs; refusing to interpret it");
            }
        }
    }

    object CheckGlobal(string module, string name)
    {
        var global = new Global(module, name);
        var ok = (module, name) switch
        {
            ("collections", "OrderedDict") => true,
            ("torch._utils", "_rebuild_tensor_v2") => true,
            ("torch", _) when StorageTypes.Contains(name) => true,
            _ => false,
        };
        if (!ok)
            throw Error($"refuses global '{global}': a checkpoint may only reference {Allowed}. " +
                        "Loading never executes code from a checkpoint; convert it to model.safetensors if it is trusted");
        return global;
    }

    object? Call(object? callable, object?[] args)
    {
        if (callable is not Global g) throw Error($"REDUCE on a {Describe(callable)}, which is not a callable");
        switch (g.ToString())
        {
            case "collections.OrderedDict":
                if (args.Length != 0) throw Error("OrderedDict called with arguments, which torch.save never writes");
                return new PickleDict();
            case "torch._utils._rebuild_tensor_v2":
                if (args.Length < 6 || args[0] is not StorageRef storage || args[1] is not long offset || args[2] is not object?[] size || args[3] is not object?[] stride)
                    throw Error("_rebuild_tensor_v2 expects (storage, offset, size, stride, requires_grad, hooks[, metadata])");
                return new TensorRef(storage, offset, size.Select(ToLong).ToArray(), stride.Select(ToLong).ToArray());
            default:
                throw Error($"refuses to call '{g}': a checkpoint may only call collections.OrderedDict and torch._utils._rebuild_tensor_v2");
        }
    }

    StorageRef PersistentLoad(object? pid)
    {
        // torch.save's zip format: ('storage', storage_type, key, location, numel); the legacy format
        // adds a sixth item, view metadata, which is None unless storages are shared views (never in a state dict).
        if (pid is not object?[] { Length: 5 or 6 } t || t[0] is not "storage" || t[1] is not Global type || t[2] is not string key || t[4] is not long numel
            || (t.Length == 6 && t[5] is not null))
            throw Error($"persistent id {Describe(pid)} is not a ('storage', type, key, location, numel) tuple");
        return new StorageRef(type.Name, key, numel);
    }

    long ToLong(object? value) => value as long? ?? throw Error($"expected an integer, found {Describe(value)}");

    internal static string Describe(object? value) => value switch
    {
        null => "None",
        object?[] t => $"tuple of {t.Length}",
        _ => value.GetType().Name,
    };

    PickleDict AsDict(object? o) => o as PickleDict ?? throw Error($"SETITEM on a {Describe(o)}, not a dict");

    List<object?> AsList(object? o) => o as List<object?> ?? throw Error($"APPEND on a {Describe(o)}, not a list");

    byte NextByte()
    {
        // Every one-byte operand goes through here: a truncated pickle is an error at its offset, not an IndexOutOfRange.
        if (position >= data.Length) throw Error("the pickle ends inside an opcode (truncated file?)");
        return data[position++];
    }

    ReadOnlySpan<byte> Take(int n)
    {
        if (n < 0 || n > data.Length - position) throw Error("the pickle ends inside an opcode (truncated file?)");
        var span = data.AsSpan(position, n);
        position += n;
        return span;
    }

    string Utf8(int length) => Encoding.UTF8.GetString(Take(length));

    string ReadLine()
    {
        var end = Array.IndexOf(data, (byte)'\n', position);
        if (end < 0) throw Error("GLOBAL without a newline");
        var text = Encoding.ASCII.GetString(data, position, end - position);
        position = end + 1;
        return text;
    }

    object? Memo(int key) => memo.TryGetValue(key, out var v) ? v : throw Error($"memo key {key} used before it was set");

    void Push(object? o) => stack.Add(o);

    object? Peek() => stack.Count > 0 ? stack[^1] : throw Error("the stack is empty");

    object? Pop()
    {
        var top = Peek();
        stack.RemoveAt(stack.Count - 1);
        if (top is Mark) throw Error("a MARK was popped as a value");
        return top;
    }

    List<object?> PopToMark()
    {
        var i = stack.FindLastIndex(o => o is Mark);
        if (i < 0) throw Error("no MARK on the stack");
        var items = stack.GetRange(i + 1, stack.Count - i - 1);
        stack.RemoveRange(i, stack.Count - i);
        return items;
    }
}
