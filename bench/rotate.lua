-- wrk script: send pre-signed requests from a file, in rotation, and report in one line.
--
--   wrk -t T -c C -d D -s bench/rotate.lua URL -- FILE T [loop|unique]
--
-- FILE holds one request a line, fields separated by tabs: the path, then "Name: value"
-- headers, then the body (bench/http_load.py writes it, signed; bodies hold no tab or newline).
-- Signing is HMAC work wrk's Lua has no library for, and must not cost the client time during
-- the run anyway, so every request is built once in init() and request() only picks the next.
--
-- Thread k of T takes lines k+1, k+1+T, ...: no two threads send the same line, which matters
-- for mentions (Slack de-duplicates on event_id, and so does the bot).
--   loop:   rotate through the thread's lines until wrk's duration ends (/paradox).
--   unique: the same, but each line is meant to go once (mentions): a thread that comes round
--           again counts the repeats, and the harness reports them as a pool too small.
--
-- done() prints one line starting "rotate: " followed by JSON, for the harness to read.

local threads = {}

function setup(thread)
   thread:set("id", #threads)
   table.insert(threads, thread)
end

local function split(line)
   local fields = {}
   for field in (line .. "\t"):gmatch("(.-)\t") do
      fields[#fields + 1] = field
   end
   return fields
end

function init(args)
   local file, nthreads = args[1], tonumber(args[2])
   unique = args[3] == "unique"
   requests, sent, non2xx = {}, 0, 0
   local n = 0
   for line in io.lines(file) do
      if n % nthreads == id and line ~= "" then
         local fields = split(line)
         local headers = {}
         for i = 2, #fields - 1 do
            local name, value = fields[i]:match("^([^:]+):%s*(.*)$")
            headers[name] = value
         end
         requests[#requests + 1] = wrk.format("POST", fields[1], headers, fields[#fields])
      end
      n = n + 1
   end
   if #requests == 0 then
      error("rotate.lua: thread " .. id .. " has no requests in " .. file)
   end
   pool = #requests
end

function request()
   sent = sent + 1
   return requests[(sent - 1) % #requests + 1]
end

function response(status, headers, body)
   if status < 200 or status > 299 then
      non2xx = non2xx + 1
   end
end

function done(summary, latency, requests)
   -- wrk calls request() once before the run, on the first thread, to check what the script
   -- builds, and sends nothing for it: that line goes last instead of first.
   local non2xx, sent, repeats = 0, 0, 0
   for _, thread in ipairs(threads) do
      local mine = thread:get("sent") - (thread:get("id") == 0 and 1 or 0)
      non2xx = non2xx + thread:get("non2xx")
      sent = sent + mine
      if thread:get("unique") and mine > thread:get("pool") then
         repeats = repeats + mine - thread:get("pool")
      end
   end
   local e = summary.errors
   io.write(string.format(
      'rotate: {"requests": %d, "sent": %d, "duration_us": %d, "p50_us": %d, "p99_us": %d, ' ..
      '"max_us": %d, "non2xx": %d, "connect": %d, "read": %d, "write": %d, "timeout": %d, ' ..
      '"repeats": %d}\n',
      summary.requests, sent, summary.duration, latency:percentile(50.0), latency:percentile(99.0),
      latency.max, non2xx, e.connect, e.read, e.write, e.timeout, repeats))
end
