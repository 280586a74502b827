"""Length-prefixed pickles over a pipe: how the server and its query workers talk.

Both ends are this package's own code; nothing from the network is ever unpickled.
"""

from __future__ import annotations

import pickle
import struct
from typing import BinaryIO

HEADER = struct.Struct(">I")


def send(stream: BinaryIO, message: object) -> None:
    payload = pickle.dumps(message)
    stream.write(HEADER.pack(len(payload)) + payload)
    stream.flush()


def receive(stream: BinaryIO) -> object:
    """The next message; EOFError when the other side has gone."""
    header = _exactly(stream, HEADER.size)
    return pickle.loads(_exactly(stream, HEADER.unpack(header)[0]))


def _exactly(stream: BinaryIO, size: int) -> bytes:
    chunks, missing = [], size
    while missing:
        chunk = stream.read(missing)
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        missing -= len(chunk)
    return b"".join(chunks)
