// Every test sees China time and no stray cloud credentials.
process.env.TZ = 'UTC'
delete process.env.TENCENTCLOUD_SECRETID
delete process.env.TENCENTCLOUD_SECRETKEY
