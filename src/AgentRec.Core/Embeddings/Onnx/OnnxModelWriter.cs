using Google.Protobuf;

namespace AgentRec.Core.Embeddings.Onnx;

/// <summary>ONNX tensor element types (TensorProto.DataType) that the project's graphs use.</summary>
public enum OnnxElementType
{
    FloatTensor = 1,
    Int32Tensor = 6,
    Int64Tensor = 7,
}

/// <summary>
/// Builds an ONNX ModelProto (one graph, default domain) and serialises it with Google.Protobuf's
/// CodedOutputStream, using the field numbers of onnx.proto. Only the messages the project writes are covered.
/// </summary>
public sealed class OnnxModelWriter
{
    // ModelProto ir_version 8 pairs with opset 17 (LayerNormalization); every ORT release since 1.14 reads it.
    private const long IrVersion = 8;

    private readonly List<ByteString> _nodes = [];
    private readonly List<ByteString> _initializers = [];
    private readonly List<ByteString> _inputs = [];
    private readonly List<ByteString> _outputs = [];
    private readonly List<(string Key, string Value)> _metadata = [];
    private int _nodeCount;

    /// <summary>Starts a graph named <paramref name="graphName"/> for opset <paramref name="opset"/>.</summary>
    public OnnxModelWriter(string graphName, long opset = 17)
    {
        GraphName = graphName;
        Opset = opset;
    }

    /// <summary>The graph's name.</summary>
    public string GraphName { get; }

    /// <summary>The default-domain opset version.</summary>
    public long Opset { get; }

    /// <summary>Declares a graph input; a null dimension is symbolic (named by <paramref name="symbolicDims"/>).</summary>
    public void AddInput(string name, OnnxElementType type, params string?[] symbolicDims) =>
        _inputs.Add(ValueInfo(name, type, symbolicDims));

    /// <summary>Declares a graph output with symbolic or fixed dimensions ("batch", "384").</summary>
    public void AddOutput(string name, OnnxElementType type, params string?[] dims) =>
        _outputs.Add(ValueInfo(name, type, dims));

    /// <summary>Adds a float initializer (a weight) of shape <paramref name="dims"/>.</summary>
    public string AddInitializer(string name, ReadOnlySpan<float> values, params long[] dims)
    {
        CheckCount(values.Length, dims, name);
        var raw = new byte[values.Length * sizeof(float)];
        System.Runtime.InteropServices.MemoryMarshal.AsBytes(values).CopyTo(raw);
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("ONNX raw_data is little-endian; big-endian hosts are not supported.");
        }

        _initializers.Add(Tensor(name, OnnxElementType.FloatTensor, dims, raw));
        return name;
    }

    /// <summary>Adds an int64 initializer (shapes, axes, indices).</summary>
    public string AddInitializer(string name, ReadOnlySpan<long> values, params long[] dims)
    {
        CheckCount(values.Length, dims, name);
        var raw = new byte[values.Length * sizeof(long)];
        System.Runtime.InteropServices.MemoryMarshal.AsBytes(values).CopyTo(raw);
        _initializers.Add(Tensor(name, OnnxElementType.Int64Tensor, dims, raw));
        return name;
    }

    /// <summary>Adds a node; returns its first output's name.</summary>
    public string AddNode(string opType, IReadOnlyList<string> inputs, IReadOnlyList<string> outputs, params OnnxAttribute[] attributes)
    {
        var nodeName = $"{opType}_{_nodeCount++}";
        _nodes.Add(Message(o =>
        {
            foreach (var input in inputs)
            {
                o.WriteTag(1, WireFormat.WireType.LengthDelimited);
                o.WriteString(input);
            }

            foreach (var output in outputs)
            {
                o.WriteTag(2, WireFormat.WireType.LengthDelimited);
                o.WriteString(output);
            }

            o.WriteTag(3, WireFormat.WireType.LengthDelimited);
            o.WriteString(nodeName);
            o.WriteTag(4, WireFormat.WireType.LengthDelimited);
            o.WriteString(opType);
            foreach (var attribute in attributes)
            {
                WriteMessage(o, 5, attribute.Serialize());
            }
        }));
        return outputs[0];
    }

    /// <summary>Adds a single-output node whose output is named <paramref name="output"/>.</summary>
    public string Op(string opType, string output, params string[] inputs) => AddNode(opType, inputs, [output]);

    /// <summary>Adds a single-output node with attributes.</summary>
    public string Op(string opType, string output, string[] inputs, params OnnxAttribute[] attributes) =>
        AddNode(opType, inputs, [output], attributes);

    /// <summary>Adds a metadata_props entry (model card facts: version, seed, dims).</summary>
    public void AddMetadata(string key, string value) => _metadata.Add((key, value));

    /// <summary>Serialises the ModelProto.</summary>
    public byte[] ToBytes()
    {
        using var graph = new MemoryStream();
        var g = new CodedOutputStream(graph);
        foreach (var node in _nodes)
        {
            WriteMessage(g, 1, node);
        }

        g.WriteTag(2, WireFormat.WireType.LengthDelimited);
        g.WriteString(GraphName);
        foreach (var init in _initializers)
        {
            WriteMessage(g, 5, init);
        }

        foreach (var input in _inputs)
        {
            WriteMessage(g, 11, input);
        }

        foreach (var output in _outputs)
        {
            WriteMessage(g, 12, output);
        }

        g.Flush();

        using var model = new MemoryStream();
        var m = new CodedOutputStream(model);
        m.WriteTag(1, WireFormat.WireType.Varint);
        m.WriteInt64(IrVersion);
        m.WriteTag(2, WireFormat.WireType.LengthDelimited);
        m.WriteString("AgentRec");
        m.WriteTag(3, WireFormat.WireType.LengthDelimited);
        m.WriteString("1");
        m.WriteTag(7, WireFormat.WireType.LengthDelimited);
        m.WriteBytes(UnsafeByteOperations.UnsafeWrap(new ReadOnlyMemory<byte>(graph.GetBuffer(), 0, (int)graph.Length)));
        m.WriteTag(8, WireFormat.WireType.LengthDelimited);
        m.WriteBytes(OpsetImport(Opset));
        foreach (var (key, value) in _metadata)
        {
            m.WriteTag(14, WireFormat.WireType.LengthDelimited);
            m.WriteBytes(StringPair(key, value));
        }

        m.Flush();
        return model.ToArray();
    }

    /// <summary>Writes the model to <paramref name="path"/> through a temporary file, so a crash leaves no partial model.</summary>
    public void Save(string path)
    {
        var bytes = ToBytes();
        var temp = path + ".tmp";
        File.WriteAllBytes(temp, bytes);
        File.Move(temp, path, overwrite: true);
    }

    private static void CheckCount(int count, long[] dims, string name)
    {
        long expected = 1;
        foreach (var d in dims)
        {
            expected *= d;
        }

        if (expected != count)
        {
            throw new ArgumentException($"Initializer '{name}' has {count} values but shape [{string.Join(',', dims)}] needs {expected}.");
        }
    }

    /// <summary>One protobuf message as <paramref name="write"/> writes its fields.</summary>
    internal static ByteString Message(Action<CodedOutputStream> write)
    {
        using var ms = new MemoryStream();
        var o = new CodedOutputStream(ms);
        write(o);
        o.Flush();
        return ByteString.CopyFrom(ms.ToArray());
    }

    private static void WriteMessage(CodedOutputStream o, int field, ByteString message)
    {
        o.WriteTag(field, WireFormat.WireType.LengthDelimited);
        o.WriteBytes(message);
    }

    private static ByteString Tensor(string name, OnnxElementType type, long[] dims, byte[] raw)
    {
        using var ms = new MemoryStream(raw.Length + 64);
        var o = new CodedOutputStream(ms);
        foreach (var d in dims)
        {
            o.WriteTag(1, WireFormat.WireType.Varint);
            o.WriteInt64(d);
        }

        o.WriteTag(2, WireFormat.WireType.Varint);
        o.WriteInt32((int)type);
        o.WriteTag(8, WireFormat.WireType.LengthDelimited);
        o.WriteString(name);
        o.WriteTag(9, WireFormat.WireType.LengthDelimited);
        o.WriteBytes(UnsafeByteOperations.UnsafeWrap(raw));
        o.Flush();
        return UnsafeByteOperations.UnsafeWrap(new ReadOnlyMemory<byte>(ms.GetBuffer(), 0, (int)ms.Length));
    }

    internal static ByteString TensorMessage(string name, OnnxElementType type, long[] dims, byte[] raw) => Tensor(name, type, dims, raw);

    private static ByteString ValueInfo(string name, OnnxElementType type, string?[] dims)
    {
        // TensorShapeProto { repeated Dimension dim = 1 }, Dimension { int64 dim_value = 1; string dim_param = 2 }.
        var shape = Message(s =>
        {
            for (var i = 0; i < dims.Length; i++)
            {
                var dim = dims[i] ?? $"d{i}";
                WriteMessage(s, 1, Message(d =>
                {
                    if (long.TryParse(dim, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value))
                    {
                        d.WriteTag(1, WireFormat.WireType.Varint);
                        d.WriteInt64(value);
                    }
                    else
                    {
                        d.WriteTag(2, WireFormat.WireType.LengthDelimited);
                        d.WriteString(dim);
                    }
                }));
            }
        });

        // TypeProto.Tensor { int32 elem_type = 1; TensorShapeProto shape = 2 }.
        var tensorType = Message(t =>
        {
            t.WriteTag(1, WireFormat.WireType.Varint);
            t.WriteInt32((int)type);
            WriteMessage(t, 2, shape);
        });

        // TypeProto { Tensor tensor_type = 1 }.
        var typeProto = Message(tp => WriteMessage(tp, 1, tensorType));

        // ValueInfoProto { string name = 1; TypeProto type = 2 }.
        return Message(v =>
        {
            v.WriteTag(1, WireFormat.WireType.LengthDelimited);
            v.WriteString(name);
            WriteMessage(v, 2, typeProto);
        });
    }

    private static ByteString OpsetImport(long version)
    {
        // OperatorSetIdProto { string domain = 1; int64 version = 2 }; the empty domain is the default ONNX domain.
        return Message(o =>
        {
            o.WriteTag(1, WireFormat.WireType.LengthDelimited);
            o.WriteString(string.Empty);
            o.WriteTag(2, WireFormat.WireType.Varint);
            o.WriteInt64(version);
        });
    }

    private static ByteString StringPair(string key, string value) => Message(o =>
    {
        o.WriteTag(1, WireFormat.WireType.LengthDelimited);
        o.WriteString(key);
        o.WriteTag(2, WireFormat.WireType.LengthDelimited);
        o.WriteString(value);
    });
}

/// <summary>One node attribute (AttributeProto): an int, a float, a list of ints, or a tensor.</summary>
public sealed class OnnxAttribute
{
    private readonly string _name;
    private readonly int _type;
    private readonly Action<CodedOutputStream> _writeValue;

    // Every AttributeProto is its name (field 1), the value in the field its type uses, then the type (field 20).
    private OnnxAttribute(string name, int type, Action<CodedOutputStream> writeValue)
    {
        _name = name;
        _type = type;
        _writeValue = writeValue;
    }

    /// <summary>An INT attribute (AttributeType 2, field i = 3).</summary>
    public static OnnxAttribute Of(string name, long value) => new(name, 2, o =>
    {
        o.WriteTag(3, WireFormat.WireType.Varint);
        o.WriteInt64(value);
    });

    /// <summary>A FLOAT attribute (AttributeType 1, field f = 2).</summary>
    public static OnnxAttribute Of(string name, float value) => new(name, 1, o =>
    {
        o.WriteTag(2, WireFormat.WireType.Fixed32);
        o.WriteFloat(value);
    });

    /// <summary>An INTS attribute (AttributeType 7, field ints = 8).</summary>
    public static OnnxAttribute Ints(string name, params long[] values) => new(name, 7, o =>
    {
        foreach (var v in values)
        {
            o.WriteTag(8, WireFormat.WireType.Varint);
            o.WriteInt64(v);
        }
    });

    /// <summary>A TENSOR attribute (AttributeType 4, field t = 5) holding one float: for Constant nodes.</summary>
    public static OnnxAttribute ScalarTensor(string name, float value) => new(name, 4, o =>
    {
        o.WriteTag(5, WireFormat.WireType.LengthDelimited);
        o.WriteBytes(OnnxModelWriter.TensorMessage(name, OnnxElementType.FloatTensor, [], BitConverter.GetBytes(value)));
    });

    internal ByteString Serialize() => OnnxModelWriter.Message(o =>
    {
        o.WriteTag(1, WireFormat.WireType.LengthDelimited);
        o.WriteString(_name);
        _writeValue(o);
        o.WriteTag(20, WireFormat.WireType.Varint);
        o.WriteInt32(_type);
    });
}
