#!/usr/bin/env python3
"""Makes the tiny BERT parity fixtures for tests/Distill.Tests/Students (issue 7).

Needs only PyTorch (Debian: `apt-get install python3-torch`, torch 1.13); deliberately NOT the
`transformers` or `safetensors` packages, so the reference below is written out by hand:

* `reference_forward` follows transformers' modeling_bert.py BertForTokenClassification in eval
  mode: word + position + token-type embeddings, LayerNorm(eps 1e-12), per layer self-attention
  with the extended mask (1 - mask) * finfo.min, output dense + residual + LayerNorm, intermediate
  dense + exact (erf) GELU, output dense + residual + LayerNorm, then the classifier.
* `write_safetensors` writes the safetensors layout: u64 little-endian header length, JSON header
  {name: {dtype, shape, data_offsets}}, "__metadata__": {"format": "pt"}, then raw tensors.

Outputs in tiny-bert/ next to this script (all small, committed):
  config.json, vocab.txt, tokenizer_config.json   the HF model directory
  model.safetensors                                float32 BertForTokenClassification weights
  pytorch_model.bin                                torch.save(state_dict) (zip + pickle)
  legacy_pytorch_model.bin                         the same in the pre-1.6 format (consecutive pickles + raw storages)
  model_f16.safetensors                            the same weights in float16
  base_model.safetensors                           a BertModel checkpoint: no "bert." prefix, a pooler, no classifier
  malicious_pytorch_model.bin                      a pickle that would call os.system: must be refused
  expected_logits.json                             input ids, attention mask, and logits (B, T, labels)

Run: /usr/bin/python3 make_tiny_bert.py
"""
import json
import math
import os
import struct
from collections import OrderedDict

import torch

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "tiny-bert")

CONFIG = {
    "architectures": ["BertForTokenClassification"],
    "model_type": "bert",
    "vocab_size": 0,  # set from the vocabulary below
    "hidden_size": 32,
    "num_hidden_layers": 2,
    "num_attention_heads": 4,
    "intermediate_size": 64,
    "hidden_act": "gelu",
    "hidden_dropout_prob": 0.1,
    "attention_probs_dropout_prob": 0.1,
    "max_position_embeddings": 64,
    "type_vocab_size": 2,
    "initializer_range": 0.02,
    "layer_norm_eps": 1e-12,
    "pad_token_id": 0,
    "position_embedding_type": "absolute",
    "id2label": {"0": "O", "1": "disease", "2": "medication"},
    "label2id": {"O": 0, "disease": 1, "medication": 2},
}

WORDS = """the patient has a history of breast cancer and was given aspirin daily for pain
diabetes mellitus type ii with insulin fever cough no evidence disease heart failure
metformin mg tablet twice was denies chest shortness breath""".split()
SUFFIXES = ["##s", "##ing", "##ed", "##ly", "##itis", "##oma"]
CHARS = list("abcdefghijklmnopqrstuvwxyz0123456789.,;:()-/'")


def vocabulary():
    tokens = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    for t in WORDS + SUFFIXES + CHARS + ["##" + c for c in "abcdefghijklmnopqrstuvwxyz0123456789"]:
        if t not in tokens:
            tokens.append(t)
    return tokens


def state_dict(cfg, generator):
    """Random weights with HF key names; larger than HF's init so the logits are far from zero."""
    h, i, n = cfg["hidden_size"], cfg["intermediate_size"], len(cfg["id2label"])

    def rnd(*shape, scale=0.2):
        return (torch.randn(*shape, generator=generator) * scale).float()

    sd = OrderedDict()
    sd["bert.embeddings.word_embeddings.weight"] = rnd(cfg["vocab_size"], h, scale=1.0)
    sd["bert.embeddings.position_embeddings.weight"] = rnd(cfg["max_position_embeddings"], h, scale=0.5)
    sd["bert.embeddings.token_type_embeddings.weight"] = rnd(cfg["type_vocab_size"], h, scale=0.5)
    sd["bert.embeddings.LayerNorm.weight"] = 1 + rnd(h, scale=0.1)
    sd["bert.embeddings.LayerNorm.bias"] = rnd(h, scale=0.1)
    for layer in range(cfg["num_hidden_layers"]):
        p = f"bert.encoder.layer.{layer}."
        for name in ("query", "key", "value"):
            sd[p + f"attention.self.{name}.weight"] = rnd(h, h)
            sd[p + f"attention.self.{name}.bias"] = rnd(h, scale=0.1)
        sd[p + "attention.output.dense.weight"] = rnd(h, h)
        sd[p + "attention.output.dense.bias"] = rnd(h, scale=0.1)
        sd[p + "attention.output.LayerNorm.weight"] = 1 + rnd(h, scale=0.1)
        sd[p + "attention.output.LayerNorm.bias"] = rnd(h, scale=0.1)
        sd[p + "intermediate.dense.weight"] = rnd(i, h)
        sd[p + "intermediate.dense.bias"] = rnd(i, scale=0.1)
        sd[p + "output.dense.weight"] = rnd(h, i)
        sd[p + "output.dense.bias"] = rnd(h, scale=0.1)
        sd[p + "output.LayerNorm.weight"] = 1 + rnd(h, scale=0.1)
        sd[p + "output.LayerNorm.bias"] = rnd(h, scale=0.1)
    sd["classifier.weight"] = rnd(n, h, scale=0.5)
    sd["classifier.bias"] = rnd(n, scale=0.1)
    return sd


def reference_forward(sd, cfg, input_ids, attention_mask, token_type_ids):
    """BertForTokenClassification.forward in eval mode (no dropout), transformers/models/bert/modeling_bert.py."""
    eps = cfg["layer_norm_eps"]
    h, nh = cfg["hidden_size"], cfg["num_attention_heads"]
    hs = h // nh
    ln = torch.nn.functional.layer_norm
    lin = torch.nn.functional.linear
    b, t = input_ids.shape
    positions = torch.arange(t).unsqueeze(0)
    x = (sd["bert.embeddings.word_embeddings.weight"][input_ids]
         + sd["bert.embeddings.position_embeddings.weight"][positions]
         + sd["bert.embeddings.token_type_embeddings.weight"][token_type_ids])
    x = ln(x, (h,), sd["bert.embeddings.LayerNorm.weight"], sd["bert.embeddings.LayerNorm.bias"], eps)
    extended = (1.0 - attention_mask[:, None, None, :].float()) * torch.finfo(torch.float32).min  # (B,1,1,T)
    for layer in range(cfg["num_hidden_layers"]):
        p = f"bert.encoder.layer.{layer}."

        def heads(name):
            y = lin(x, sd[p + f"attention.self.{name}.weight"], sd[p + f"attention.self.{name}.bias"])
            return y.view(b, t, nh, hs).transpose(1, 2)  # (B, nh, T, hs)

        q, k, v = heads("query"), heads("key"), heads("value")
        scores = q @ k.transpose(-1, -2) / math.sqrt(hs) + extended
        context = (scores.softmax(-1) @ v).transpose(1, 2).reshape(b, t, h)
        attn = lin(context, sd[p + "attention.output.dense.weight"], sd[p + "attention.output.dense.bias"])
        x = ln(attn + x, (h,), sd[p + "attention.output.LayerNorm.weight"], sd[p + "attention.output.LayerNorm.bias"], eps)
        inter = lin(x, sd[p + "intermediate.dense.weight"], sd[p + "intermediate.dense.bias"])
        inter = 0.5 * inter * (1.0 + torch.erf(inter / math.sqrt(2.0)))  # HF "gelu": exact erf form
        out = lin(inter, sd[p + "output.dense.weight"], sd[p + "output.dense.bias"])
        x = ln(out + x, (h,), sd[p + "output.LayerNorm.weight"], sd[p + "output.LayerNorm.bias"], eps)
    return lin(x, sd["classifier.weight"], sd["classifier.bias"])


def write_safetensors(path, tensors, dtype="F32"):
    torch_dtype = {"F32": torch.float32, "F16": torch.float16}[dtype]
    header, blobs, offset = {"__metadata__": {"format": "pt"}}, [], 0
    for name, t in tensors.items():
        data = t.to(torch_dtype).contiguous().numpy().tobytes()
        header[name] = {"dtype": dtype, "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":"))
    text += " " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text.encode("utf-8"))
        for blob in blobs:
            f.write(blob)


class Malicious:
    """Pickles as a call to os.system: a safe loader must refuse it without running it."""

    def __reduce__(self):
        return (os.system, ("echo this checkpoint ran code",))


def main():
    os.makedirs(HERE, exist_ok=True)
    vocab = vocabulary()
    cfg = dict(CONFIG, vocab_size=len(vocab))
    generator = torch.Generator().manual_seed(20240701)
    sd = state_dict(cfg, generator)

    # Two sequences; the second is padded after 7 tokens and uses token type 1 for its last real tokens.
    ids = torch.tensor([
        [2, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 3],
        [2, 15, 16, 17, 18, 1, 3, 0, 0, 0, 0, 0],
    ])
    mask = (ids != 0).long()
    types = torch.zeros_like(ids)
    types[1, 4:7] = 1
    with torch.no_grad():
        logits = reference_forward(sd, cfg, ids, mask, types)

    with open(os.path.join(HERE, "config.json"), "w") as f:
        json.dump(cfg, f, indent=2)
    with open(os.path.join(HERE, "vocab.txt"), "w") as f:
        f.write("\n".join(vocab) + "\n")
    with open(os.path.join(HERE, "tokenizer_config.json"), "w") as f:
        json.dump({"tokenizer_class": "BertTokenizer", "do_lower_case": True, "model_max_length": 64}, f, indent=2)
    write_safetensors(os.path.join(HERE, "model.safetensors"), sd)
    write_safetensors(os.path.join(HERE, "model_f16.safetensors"), sd, dtype="F16")
    torch.save(sd, os.path.join(HERE, "pytorch_model.bin"))  # zip format (torch >= 1.6), pickle protocol 2
    torch.save(sd, os.path.join(HERE, "legacy_pytorch_model.bin"), _use_new_zipfile_serialization=False)

    base = OrderedDict((k[len("bert."):], v) for k, v in sd.items() if k.startswith("bert."))
    base["pooler.dense.weight"] = torch.zeros(cfg["hidden_size"], cfg["hidden_size"])
    base["pooler.dense.bias"] = torch.zeros(cfg["hidden_size"])
    write_safetensors(os.path.join(HERE, "base_model.safetensors"), base)

    torch.save({"weight": Malicious()}, os.path.join(HERE, "malicious_pytorch_model.bin"))

    with open(os.path.join(HERE, "expected_logits.json"), "w") as f:
        json.dump({
            "torch_version": torch.__version__,
            "input_ids": ids.tolist(),
            "attention_mask": mask.tolist(),
            "token_type_ids": types.tolist(),
            "logits": [[[round(v, 7) for v in row] for row in seq] for seq in logits.tolist()],
        }, f, indent=1)
    print(f"wrote {HERE}: vocab {len(vocab)}, logits {tuple(logits.shape)}, |logits| max {logits.abs().max():.3f}")


if __name__ == "__main__":
    main()
