"""Scenes of `frontline demo` beyond notes: each module has play(run: bot.demo.DemoRun)."""
