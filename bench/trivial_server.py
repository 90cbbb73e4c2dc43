"""A server that does nothing: the load generator's ceiling, measured in the same run as the bot.

    python -m bench.trivial_server PORT

wrk and the bot share the machine's cores, so the bot's numbers only mean something if the
client could have sent far more. This answers every request with a fixed 200 and keeps the
connection open, from one asyncio process with no HTTP library: driven through the same
rotate.lua and request files as the bot, its throughput is a floor for what wrk and the Lua
script can send (the floor is this one Python process, not wrk).
"""

from __future__ import annotations

import asyncio
import sys

RESPONSE = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Type: text/plain\r\n\r\nok"


class Answer(asyncio.Protocol):
    def __init__(self) -> None:
        self.buffer = b""

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        # The body must be read before answering, or its bytes would be taken for the next request.
        while True:
            end = self.buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            length = 0
            for line in self.buffer[:end].split(b"\r\n")[1:]:
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value)
            if len(self.buffer) < end + 4 + length:
                return
            self.buffer = self.buffer[end + 4 + length :]
            self.transport.write(RESPONSE)


async def serve(port: int) -> None:
    server = await asyncio.get_running_loop().create_server(Answer, "127.0.0.1", port, backlog=1024)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(serve(int(sys.argv[1])))
