"""A TCP proxy that a test can cut, hang and restore, to play a database or cache outage.

The real service keeps running; only the path to it through this proxy breaks, the way
a restart, a failover or a network fault looks to the application.
"""

import contextlib
import selectors
import socket
import threading


class CuttableProxy:
    """Forward 127.0.0.1:<port> to a target address until cut; restore to reconnect.

    While cut, open connections are closed and new ones are closed as soon as they are
    accepted (the client sees its connection reset or closed, as when a server dies).
    While hung, connections are accepted and held but nothing is forwarded or answered
    (the client waits for its timeout, as with a frozen host); `connections_while_hung`
    counts the connections that tried.
    """

    def __init__(self, target_host, target_port):
        self.target = (target_host, target_port)
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.2)
        self.port = self._listener.getsockname()[1]
        self._cut = threading.Event()
        self._hung = threading.Event()
        self.connections_while_hung = 0
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._sockets = set()
        self._thread = threading.Thread(target=self._accept_loop, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc_info):
        self.close()

    def cut(self):
        """Break every connection and refuse new ones."""
        self._cut.set()
        self._close_all()

    def hang(self):
        """Stop answering: open connections stall, new ones are accepted and held."""
        self._hung.set()

    def restore(self):
        """Forward new connections again."""
        self._cut.clear()
        if self._hung.is_set():
            self._hung.clear()
            self._close_all()  # the stalled connections, which their clients gave up

    def close(self):
        self._stop.set()
        self._close_all()
        self._thread.join(timeout=5)
        self._listener.close()

    def _close_all(self):
        with self._lock:
            sockets, self._sockets = self._sockets, set()
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()

    def _accept_loop(self):
        while not self._stop.is_set():
            try:
                client, _address = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            if self._cut.is_set():
                client.close()
                continue
            if self._hung.is_set():
                self.connections_while_hung += 1
                with self._lock:
                    self._sockets.add(client)
                continue
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            with self._lock:
                self._sockets.update((client, upstream))
            threading.Thread(
                target=self._pipe, args=(client, upstream), daemon=True
            ).start()

    def _pipe(self, client, upstream):
        selector = selectors.DefaultSelector()
        selector.register(client, selectors.EVENT_READ, upstream)
        selector.register(upstream, selectors.EVENT_READ, client)
        try:
            while not self._stop.is_set() and not self._cut.is_set():
                if self._hung.is_set():
                    self._stop.wait(0.05)
                    continue
                for key, _events in selector.select(timeout=0.2):
                    data = key.fileobj.recv(65536)
                    if not data:
                        return
                    key.data.sendall(data)
        except OSError:
            return
        finally:
            selector.close()
            for sock in (client, upstream):
                with self._lock:
                    self._sockets.discard(sock)
                with contextlib.suppress(OSError):
                    sock.close()
