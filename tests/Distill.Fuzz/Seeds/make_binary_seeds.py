#!/usr/bin/env python3
"""Writes the small binary seeds of the safetensors and pickle targets (no PyTorch needed): a safetensors file with
F32, F16, BF16 and I64 tensors, and a state dict as torch.save writes it, zip (torch >= 1.6) and legacy. The layout
follows huggingface/safetensors' "Format" and torch/serialization.py; the pickles use the opcodes torch.save emits
(protocol 2: GLOBAL, BINPUT/BINGET memo, MARK/TUPLE, BINPERSID, REDUCE, SETITEM). Run from this folder."""
import io, json, struct, zipfile

def safetensors(path):
    tensors = [("bert.embeddings.word_embeddings.weight", "F32", [2, 3], struct.pack("<6f", *range(6))),
               ("classifier.bias", "F16", [2], struct.pack("<2e", 0.5, -1.0)),
               ("bert.embeddings.position_ids", "I64", [1, 2], struct.pack("<2q", 0, 1)),
               ("scale", "BF16", [1], b"\x80\x3f")]
    header, data = {"__metadata__": {"format": "pt"}}, b""
    for name, dtype, shape, blob in tensors:
        header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [len(data), len(data) + len(blob)]}
        data += blob
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    open(path, "wb").write(struct.pack("<q", len(text)) + text + data)

def state_dict_pickle(views):
    """views: (name, storage type, key, storage elements, offset, size, stride)."""
    p = bytearray(b"\x80\x02ccollections\nOrderedDict\nq\x00)Rq\x01")
    def text(s):
        b = s.encode()
        p.extend(b"X" + struct.pack("<i", len(b)) + b)
    memo = 2
    for name, storage, key, elements, offset, size, stride in views:
        text(name)
        p.extend(b"ctorch._utils\n_rebuild_tensor_v2\nq" + bytes([memo]) + b"((")
        memo += 1
        text("storage"); p.extend(b"ctorch\n" + storage.encode() + b"\nq" + bytes([memo])); memo += 1
        text(key); text("cpu"); p.extend(b"J" + struct.pack("<i", elements) + b"tQ")
        p.extend(b"J" + struct.pack("<i", offset) + b"(" + b"".join(b"J" + struct.pack("<i", v) for v in size) + b"t")
        p.extend(b"(" + b"".join(b"J" + struct.pack("<i", v) for v in stride) + b"t\x89h\x00)Rtq" + bytes([memo]) + b"Rs")
        memo += 1
    p.extend(b".")
    return bytes(p)

VIEWS = [("weight", "FloatStorage", "0", 6, 0, [2, 3], [3, 1]),
         ("weight_t", "FloatStorage", "0", 6, 0, [3, 2], [1, 3]),
         ("ids", "LongStorage", "1", 2, 0, [2], [1])]
STORAGES = {"0": struct.pack("<6f", *range(6)), "1": struct.pack("<2q", 0, 1)}

def zip_checkpoint(path):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
        z.writestr("archive/data.pkl", state_dict_pickle(VIEWS))
        z.writestr("archive/byteorder", "little")
        for key, blob in STORAGES.items():
            z.writestr("archive/data/" + key, blob)
        z.writestr("archive/version", "3\n")

def legacy_checkpoint(path):
    magic = 0x1950a86a20f9469cfc6c
    out = bytearray(b"\x80\x02\x8a\x0a" + magic.to_bytes(10, "little") + b".")
    out += b"\x80\x02M\xe9\x03."                                   # protocol version 1001
    out += b"\x80\x02}q\x00(X\x0d\x00\x00\x00little_endianq\x01\x88u."  # sys info
    out += state_dict_pickle(VIEWS)
    out += b"\x80\x02]q\x00(X\x01\x00\x00\x000q\x01X\x01\x00\x00\x001q\x02e."
    out += struct.pack("<q", 6) + STORAGES["0"] + struct.pack("<q", 2) + STORAGES["1"]
    open(path, "wb").write(out)

safetensors("safetensors/tiny.safetensors")
zip_checkpoint("pickle/tiny-zip.bin")
legacy_checkpoint("pickle/tiny-legacy.bin")
