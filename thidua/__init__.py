"""Thi Đua: emulation movements for Vietnamese public agencies, from the plan to the reward."""
